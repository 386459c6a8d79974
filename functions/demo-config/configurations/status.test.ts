import { describe, expect, it } from 'vitest';
import { allowedTransitions, isEditable, transitionRefusal } from './status';

describe('configuration status machine', () => {
  it('allows draft → proposed → signed and proposed → draft, nothing out of signed', () => {
    expect(allowedTransitions('draft')).toEqual(['proposed']);
    expect(allowedTransitions('proposed')).toEqual(['draft', 'signed']);
    expect(allowedTransitions('signed')).toEqual([]);
    expect(transitionRefusal('draft', 'proposed', ['editor'])).toBeUndefined();
    expect(transitionRefusal('proposed', 'draft', ['editor'])).toBeUndefined();
    expect(transitionRefusal('draft', 'signed', ['owner'])?.code).toBe('CONFIGURATION.TRANSITION_INVALID');
    expect(transitionRefusal('signed', 'draft', ['platform-admin'])?.message).toMatch(/final/);
    expect(transitionRefusal('draft', 'draft', ['owner'])?.code).toBe('CONFIGURATION.TRANSITION_INVALID');
  });

  it('lets only admins, owners and platform admins sign', () => {
    expect(transitionRefusal('proposed', 'signed', ['editor'])?.code).toBe(
      'CONFIGURATION.TRANSITION_FORBIDDEN',
    );
    expect(transitionRefusal('proposed', 'signed', ['support'])?.code).toBe(
      'CONFIGURATION.TRANSITION_FORBIDDEN',
    );
    for (const role of ['admin', 'owner', 'platform-admin'] as const)
      expect(transitionRefusal('proposed', 'signed', [role])).toBeUndefined();
  });

  it('edits only drafts', () => {
    expect([isEditable('draft'), isEditable('proposed'), isEditable('signed')]).toEqual([true, false, false]);
  });
});
