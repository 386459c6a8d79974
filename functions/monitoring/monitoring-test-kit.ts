/**
 * Helpers for the monitoring integration tests: deployment credentials written straight into the stack's
 * Cosmos DB (the licence service issues them in production), heartbeat bodies, polling, the e-mail outbox.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { deploymentAuthorization } from '@kpi/shared/contracts/deployment-credential';
import type { HeartbeatInput } from '@kpi/shared/contracts/monitoring-heartbeat';
import { issueDeploymentCredential } from '@kpi/shared/domain/deployment-credential/credential';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { BlobOutbox } from '../../local/email/blob-outbox';
import type { OutboxMessage } from '../../local/email/outbox';
import type { Stack } from '../../local/stack';

/** Stores a credential for the deployment and returns its Authorization header. */
export async function credentialFor(stack: Stack, tenantId: string, deploymentId: string): Promise<string> {
  const { record, token } = issueDeploymentCredential({ deploymentId, tenantId, now: new Date() });
  const client = cosmosClient({ kind: 'connectionString', value: stack.values.COSMOS as string });
  await client.database('kpi').container(containerName('deployment-credentials')).items.create(record);
  return deploymentAuthorization(token);
}

let seq = 0;
/** A valid heartbeat body. */
export function heartbeat(deploymentId: string, over: Partial<HeartbeatInput> = {}): HeartbeatInput {
  seq++;
  return {
    id: `hb-${deploymentId}-${Date.now()}-${seq}`,
    deploymentId,
    appVersion: '1.4.2',
    catalogVersion: '2026.11.1',
    uptimeSeconds: 3600,
    sentAt: new Date().toISOString(),
    process: { cpuPercent: 12, memoryRssMb: 210, heapUsedMb: 120, eventLoopLagMs: 3 },
    requests: { count: 120, errors: 1, p50Ms: 25, p95Ms: 140 },
    kpiCalculationMs: 35,
    dataFreshnessSeconds: 300,
    recentErrors: [],
    ...over,
  };
}

export async function poll<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every e-mail the local ACS stand-in accepted. */
export function outbox(stack: Stack): Promise<OutboxMessage[]> {
  return new BlobOutbox(BlobServiceClient.fromConnectionString(stack.values.STORAGE as string)).list();
}

/** Mail to `address` whose subject contains `text`. */
export async function mailTo(stack: Stack, address: string, text: string): Promise<OutboxMessage[]> {
  return (await outbox(stack)).filter(
    (m) => m.recipients.to.some((r) => r.address === address) && m.content.subject.includes(text),
  );
}
