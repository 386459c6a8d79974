import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { describe, expect, it } from 'vitest';
import { memoryDependencies } from '../support/memory-stores';
import { saveSettings } from './settings';

const contoso = systemScope('contoso', 'test');
const now = new Date('2026-11-26T10:00:00.000Z');

describe('saveSettings', () => {
  it('merges threshold overrides and removes the ones asked back to the default', async () => {
    const m = memoryDependencies();
    await saveSettings(m.deps, contoso, { thresholds: { latencyP95Ms: 900, memoryRssMb: 800 } }, 'a', now);
    const merged = await saveSettings(m.deps, contoso, { thresholds: { errorRate: 0.1 } }, 'b', now);
    expect(merged.thresholds).toEqual({ latencyP95Ms: 900, memoryRssMb: 800, errorRate: 0.1 });
    const reset = await saveSettings(
      m.deps,
      contoso,
      { thresholds: { errorRate: 0.2 }, resetThresholds: ['latencyP95Ms', 'minAppVersion'] },
      'c',
      now,
    );
    expect(reset.thresholds).toEqual({ memoryRssMb: 800, errorRate: 0.2 });
    expect((await m.stores.settings.get(contoso, 'settings'))?.thresholds).toEqual(reset.thresholds);
  });

  it('leaves thresholds alone when only contacts change', async () => {
    const m = memoryDependencies();
    await saveSettings(m.deps, contoso, { thresholds: { memoryRssMb: 800 } }, 'a', now);
    const saved = await saveSettings(
      m.deps,
      contoso,
      { contacts: { emails: ['ops@contoso.example'], severities: ['critical'] } },
      'b',
      now,
    );
    expect(saved.thresholds).toEqual({ memoryRssMb: 800 });
    expect(saved.contacts.emails).toEqual(['ops@contoso.example']);
  });
});
