/** PostgreSQL and network failures → stable `SOURCE.*` codes (SQLSTATE classes per the PostgreSQL manual). */
import { type SourceErrorCode, SourceErrorCodes } from '../../contracts/connector';
import { networkCode } from '../source-error';

const BY_SQLSTATE: Readonly<Record<string, SourceErrorCode>> = {
  '28P01': SourceErrorCodes.authFailed, // invalid_password
  '28000': SourceErrorCodes.authFailed, // invalid_authorization_specification (pg_hba reject, no such role)
  '3D000': SourceErrorCodes.notFound, // invalid_catalog_name: no such database
  '3F000': SourceErrorCodes.notFound, // invalid_schema_name
  '42P01': SourceErrorCodes.notFound, // undefined_table
  '42501': SourceErrorCodes.permission, // insufficient_privilege
  '57014': SourceErrorCodes.timeout, // query_canceled (statement_timeout)
  '08001': SourceErrorCodes.unreachable,
  '08006': SourceErrorCodes.unreachable,
  '57P03': SourceErrorCodes.unreachable, // cannot_connect_now (starting up)
  '53300': SourceErrorCodes.unreachable, // too_many_connections
};

export function classifyPgError(e: Error & { code?: unknown }): SourceErrorCode {
  if (typeof e.code === 'string' && BY_SQLSTATE[e.code]) return BY_SQLSTATE[e.code] as SourceErrorCode;
  if (/does not support SSL|SSL|self[- ]signed|certificate/i.test(e.message)) return SourceErrorCodes.tls;
  if (/password authentication failed|no password|SASL|SCRAM/i.test(e.message))
    return SourceErrorCodes.authFailed;
  if (/terminated unexpectedly|Connection terminated/i.test(e.message) && !/timeout/i.test(e.message))
    return SourceErrorCodes.unreachable;
  return networkCode(e) ?? SourceErrorCodes.protocol;
}
