/**
 * The connector app's HTTP contract (functions/connector, `/api/connector/...`): what an admin sends to
 * create or change a source, and what the API answers. A definition in a request names no secret: the
 * secrets (password, API key, bearer token) travel beside it, are written to Key Vault under names the
 * connector chooses (`source-<id>-<kind>`), and are answered masked only.
 */
import { z } from 'zod';
import {
  blobFilesDefinitionSchema,
  CONNECTOR_LIMITS,
  discoveredSchemaSchema,
  postgresDefinitionSchema,
  restAuthSchema,
  restDefinitionSchema,
  testResultSchema,
  UNAVAILABLE_SOURCE_TYPES,
} from './connector';
import { SOURCE_TYPES } from './demo-config';
import { sourceOriginSchema, sourceStatusSchema } from './source';

export const CONNECTOR_APP_LIMITS = {
  /** One uploaded file (before base64). */
  uploadBytes: 16 * 1024 * 1024,
  secretChars: 4096,
  providesObjects: 200,
} as const;

/** The kinds of secret a source may have; each is one Key Vault secret. */
export const SECRET_KINDS = ['password', 'api-key', 'token'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

const secretValue = z.string().min(1).max(CONNECTOR_APP_LIMITS.secretChars);
/** Secret values sent with a create or change; never stored outside Key Vault, never answered. */
export const sourceSecretsSchema = z
  .object({ password: secretValue.optional(), apiKey: secretValue.optional(), token: secretValue.optional() })
  .strict();
export type SourceSecrets = z.infer<typeof sourceSecretsSchema>;

const restAuthOptions = restAuthSchema.options;
/** REST auth as a request gives it: the kind (and header), never the secret or its name. */
export const restAuthInputSchema = z.discriminatedUnion('kind', [
  restAuthOptions[0],
  restAuthOptions[1].omit({ secretRef: true }),
  restAuthOptions[2].omit({ secretRef: true }),
]);

/** A definition as a request gives it: the stored definition without secret names. */
export const sourceDefinitionInputSchema = z.discriminatedUnion('type', [
  postgresDefinitionSchema.omit({ passwordSecretRef: true }),
  restDefinitionSchema.extend({ auth: restAuthInputSchema.default({ kind: 'none' }) }),
  blobFilesDefinitionSchema,
]);
export type SourceDefinitionInput = z.infer<typeof sourceDefinitionInputSchema>;

/** A declared type no connector reaches: accepted by the schema so the answer is `SOURCE.TYPE_UNAVAILABLE`. */
export const unavailableDefinitionSchema = z.object({ type: z.enum(UNAVAILABLE_SOURCE_TYPES) }).loose();
const definitionRequestSchema = z.union([sourceDefinitionInputSchema, unavailableDefinitionSchema]);

const objectName = z.string().regex(/^[A-Z][A-Za-z0-9]{0,79}$/);
const ncrontab = z
  .string()
  .max(100)
  .regex(/^\S+( \S+){5}$/, 'NCRONTAB has 6 fields, seconds first');

export const createSourceRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    definition: definitionRequestSchema,
    secrets: sourceSecretsSchema.optional(),
    providesObjects: z.array(objectName).max(CONNECTOR_APP_LIMITS.providesObjects).default([]),
    schedule: ncrontab.optional(),
  })
  .strict();

/** A change: only what is sent changes; `schedule: null` removes the schedule. */
export const patchSourceRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    definition: definitionRequestSchema.optional(),
    secrets: sourceSecretsSchema.optional(),
    providesObjects: z.array(objectName).max(CONNECTOR_APP_LIMITS.providesObjects).optional(),
    schedule: ncrontab.nullable().optional(),
  })
  .strict();

/** How a secret is shown: set or not, and when set its last characters behind dots. */
export const maskedSecretSchema = z.object({
  kind: z.enum(SECRET_KINDS),
  set: z.boolean(),
  masked: z.string(),
});

const sourceBase = {
  id: z.string(),
  name: z.string(),
  status: sourceStatusSchema,
  /** The definition's type, or the declared type of an `unavailable` source. */
  type: z.string(),
  unavailableReason: z.string().optional(),
  providesObjects: z.array(z.string()),
  origin: sourceOriginSchema,
  lastTest: testResultSchema.and(z.object({ testedAt: z.string() })).optional(),
  schedule: z.string().optional(),
  updatedAt: z.string(),
};

/** What any reader of the deployment sees in the list: no definition, no secrets, stream names only. */
export const sourceSummarySchema = z.object({
  ...sourceBase,
  streams: z.array(z.string()),
  discoveredAt: z.string().optional(),
});
export const sourceListSchema = z.object({
  items: z.array(sourceSummarySchema),
  continuationToken: z.string().optional(),
});

/** What an admin sees of one source: its definition, masked secrets and the last discovery. */
export const sourceViewSchema = z.object({
  ...sourceBase,
  definition: z.record(z.string(), z.unknown()).optional(),
  declaredType: z.string().optional(),
  secrets: z.array(maskedSecretSchema),
  discovered: discoveredSchemaSchema.optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedBy: z.string(),
  etag: z.string(),
});
export type SourceView = z.infer<typeof sourceViewSchema>;

export const discoverRequestSchema = z
  .object({
    sampleRows: z.number().int().min(0).max(CONNECTOR_LIMITS.sampleRows).default(5),
    streams: z.array(z.string().min(1).max(500)).max(CONNECTOR_LIMITS.streamsPerSource).optional(),
  })
  .strict();

export const sampleQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(CONNECTOR_LIMITS.sampleRows).default(10),
});
export const sampleResponseSchema = z.object({
  stream: z.string(),
  records: z.array(z.record(z.string(), z.unknown())),
});

/** A file name in a blob-files source: no folders, an extension of the source's format. */
export const uploadFileRequestSchema = z
  .object({
    fileName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'a file name is letters, digits, . _ -, no folders'),
    /** The file's bytes, base64. */
    content: z
      .string()
      .min(1)
      .max(Math.ceil((CONNECTOR_APP_LIMITS.uploadBytes * 4) / 3) + 4),
  })
  .strict();
export const uploadFileResponseSchema = z.object({
  container: z.string(),
  blobName: z.string(),
  bytes: z.number().int(),
});

export const sourceTypeInfoSchema = z.object({
  type: z.enum(SOURCE_TYPES),
  name: z.string(),
  available: z.boolean(),
  /** The connector type a definition uses (`blob-files` for CSV and Excel). */
  connector: z.string().optional(),
  message: z.string().optional(),
});
export const sourceTypesSchema = z.object({ items: z.array(sourceTypeInfoSchema) });

/** What an import of the Config app's declarations did. */
export const importDeclaredResponseSchema = z.object({
  configurationId: z.string(),
  created: z.array(z.string()),
  unchanged: z.array(z.string()),
});
