import { describe, expect, it } from 'vitest';
import {
  deploymentAuthorization,
  deploymentCredentialSchema,
  parseDeploymentAuthorization,
} from '../../contracts/deployment-credential';
import { checkDeploymentSecret, hashDeploymentSecret, issueDeploymentCredential } from './credential';

const now = new Date('2026-11-26T10:00:00Z');

describe('deployment credentials', () => {
  it('issues a record that matches the contract and never contains the secret', () => {
    const { record, token } = issueDeploymentCredential({ deploymentId: 'd1', tenantId: 'contoso', now });
    expect(deploymentCredentialSchema.parse(record)).toEqual(record);
    const secret = token.split('.')[1] as string;
    expect(JSON.stringify(record)).not.toContain(secret);
    expect(record.secretHash).toBe(hashDeploymentSecret(secret));
  });

  it('round-trips through the Authorization header', () => {
    const { record, token } = issueDeploymentCredential({ deploymentId: 'd1', tenantId: 'contoso', now });
    const parsed = parseDeploymentAuthorization(deploymentAuthorization(token));
    expect(parsed?.credentialId).toBe(record.id);
    expect(checkDeploymentSecret(record, parsed?.secret as string, now)).toBe('ok');
  });

  it('refuses malformed headers', () => {
    expect(parseDeploymentAuthorization(undefined)).toBeUndefined();
    expect(parseDeploymentAuthorization('Bearer abc')).toBeUndefined();
    expect(parseDeploymentAuthorization('Deployment dc_short.secret')).toBeUndefined();
    expect(() => deploymentAuthorization('nope')).toThrow();
  });

  it('detects a wrong secret, revocation and expiry', () => {
    const { record, token } = issueDeploymentCredential({
      deploymentId: 'd1',
      tenantId: 'contoso',
      now,
      expiresAt: new Date('2026-12-01T00:00:00Z'),
    });
    const other = issueDeploymentCredential({ deploymentId: 'd1', tenantId: 'contoso', now }).token;
    expect(checkDeploymentSecret(record, other.split('.')[1] as string, now)).toBe('mismatch');
    const secret = token.split('.')[1] as string;
    expect(checkDeploymentSecret(record, secret, new Date('2026-12-01T00:00:00Z'))).toBe('expired');
    expect(checkDeploymentSecret({ ...record, revokedAt: now.toISOString() }, secret, now)).toBe('revoked');
  });
});
