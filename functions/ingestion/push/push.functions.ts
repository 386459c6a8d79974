/** Push routes: record intake (push key) and push key management (admins). */
import { entityIdSchema } from '@kpi/shared/contracts/ids';
import {
  createdPushKeySchema,
  createPushKeySchema,
  pushKeyViewSchema,
  pushRecordsSchema,
  pushResultSchema,
} from '@kpi/shared/contracts/ingestion';
import { objectNameSchema } from '@kpi/shared/contracts/mapping';
import { badRequest } from '@kpi/shared/platform/errors';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { ADMINS, callerName, ownTenant } from '../route-kit';
import { authenticatePush, createPushKey, revokePushKey, view } from './push-keys';
import { pushRecords } from './push-records';

const tags = ['push'];

httpRoute({
  app: APP,
  name: 'records-push',
  method: 'POST',
  route: 'objects/{object}/records',
  roles: 'public', // authenticated by the source's push key in the handler
  params: z.object({ object: objectNameSchema }),
  body: pushRecordsSchema,
  maxBodyBytes: 4 * 1024 * 1024,
  statuses: [401, 422],
  responses: { 200: pushResultSchema },
  summary:
    'Pushes up to 1,000 source records (Authorization: PushKey <key>); idempotent by batchId or Idempotency-Key',
  tags,
  handler: async ({ params, body, request }) => {
    const deps = await dependencies();
    const { sourceId } = await authenticatePush(deps, request.headers.get('authorization'));
    const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
    if (idempotencyKey !== undefined && !entityIdSchema.safeParse(idempotencyKey).success) {
      throw badRequest(
        'REQUEST.VALIDATION_FAILED',
        'Idempotency-Key must be an id (letters, digits, _ - . : ~)',
      );
    }
    return {
      body: await pushRecords(deps, {
        sourceId,
        object: params.object,
        body,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }),
    };
  },
});

httpRoute({
  app: APP,
  name: 'push-keys-create',
  method: 'POST',
  route: 'push-keys',
  roles: ADMINS,
  body: createPushKeySchema,
  responses: { 201: createdPushKeySchema },
  summary: 'Creates a push key for a source; the key is shown in this answer only (stored hashed)',
  tags,
  handler: async ({ caller, body }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    return { status: 201, body: await createPushKey(deps, body, callerName(caller)) };
  },
});

httpRoute({
  app: APP,
  name: 'push-keys-list',
  method: 'GET',
  route: 'push-keys',
  roles: ADMINS,
  responses: { 200: z.object({ items: z.array(pushKeyViewSchema) }) },
  summary: 'The push keys (never their secrets)',
  tags,
  handler: async ({ caller }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    return { body: { items: (await deps.pushKeys.list()).map(view) } };
  },
});

httpRoute({
  app: APP,
  name: 'push-key-revoke',
  method: 'DELETE',
  route: 'push-keys/{keyId}',
  roles: ADMINS,
  params: z.object({ keyId: entityIdSchema }),
  responses: { 200: pushKeyViewSchema },
  summary: 'Revokes a push key: pushes with it are refused from now on',
  tags,
  handler: async ({ caller, params }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    return { body: await revokePushKey(deps, params.keyId) };
  },
});
