import { describe, expect, it } from 'vitest';
import type { ConfigPermissions } from '../workspace/roles';
import { canChangeContent, canDelete, statusActions } from './status-actions';

const viewer: ConfigPermissions = {
  isStaff: false,
  canEdit: false,
  canAdmin: false,
  canCreateTenants: false,
};
const editor: ConfigPermissions = { ...viewer, canEdit: true };
const admin: ConfigPermissions = { ...editor, canAdmin: true };
const targets = (a: { to: string }[]) => a.map((x) => x.to);

describe('statusActions', () => {
  it('offers viewers nothing', () => {
    expect(statusActions('draft', viewer)).toEqual([]);
    expect(statusActions('proposed', viewer)).toEqual([]);
  });
  it('lets editors propose and reopen, and only admins sign', () => {
    expect(targets(statusActions('draft', editor))).toEqual(['proposed']);
    expect(targets(statusActions('proposed', editor))).toEqual(['draft']);
    expect(targets(statusActions('proposed', admin))).toEqual(['draft', 'signed']);
  });
  it('treats signed as final', () => {
    expect(statusActions('signed', admin)).toEqual([]);
  });
  it('edits drafts for editors and deletes drafts for admins only', () => {
    expect(canChangeContent('draft', editor)).toBe(true);
    expect(canChangeContent('proposed', admin)).toBe(false);
    expect(canChangeContent('draft', viewer)).toBe(false);
    expect(canDelete('draft', editor)).toBe(false);
    expect(canDelete('draft', admin)).toBe(true);
    expect(canDelete('signed', admin)).toBe(false);
  });
});
