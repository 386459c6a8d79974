import { describe, expect, it } from 'vitest';
import {
  applyHeartbeat,
  applySweep,
  FLAPPING,
  nextDue,
  type StatusView,
  statusAfterSilence,
} from './deployment-status';

const timing = { periodSeconds: 60, graceSeconds: 180 };
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const fresh = (): StatusView => ({
  status: 'new',
  statusSince: t0.toISOString(),
  recentTransitions: [],
  flapping: false,
});

describe('statusAfterSilence: period + grace boundaries', () => {
  it.each([
    [0, 'up'],
    [59.999, 'up'],
    [60, 'late'],
    [239.999, 'late'],
    [240, 'down'],
    [10_000, 'down'],
  ] as const)('%s s after the heartbeat → %s', (seconds, status) => {
    expect(statusAfterSilence(t0, at(seconds), timing)).toBe(status);
  });

  it('zero grace goes straight from up to down', () => {
    expect(statusAfterSilence(t0, at(60), { periodSeconds: 60, graceSeconds: 0 })).toBe('down');
  });

  it('nextDue: up → end of period, late → end of grace, down/new/paused → nothing', () => {
    expect(nextDue('up', t0, timing)?.toISOString()).toBe(at(60).toISOString());
    expect(nextDue('late', t0, timing)?.toISOString()).toBe(at(240).toISOString());
    expect(nextDue('down', t0, timing)).toBeUndefined();
    expect(nextDue('new', t0, timing)).toBeUndefined();
  });
});

describe('status machine', () => {
  it('new → up on the first heartbeat, due at the end of the period', () => {
    const step = applyHeartbeat(fresh(), at(5), timing);
    expect(step.change).toEqual({ from: 'new', to: 'up' });
    expect(step.view).toMatchObject({
      status: 'up',
      lastHeartbeatAt: at(5).toISOString(),
      dueAt: at(65).toISOString(),
    });
  });

  it('a new deployment without heartbeats stays new in the sweep', () => {
    const step = applySweep(fresh(), at(1000), timing);
    expect(step.change).toBeUndefined();
    expect(step.view.status).toBe('new');
    expect(step.view.dueAt).toBeUndefined();
  });

  it('up → late → down through sweeps, then up again on a heartbeat', () => {
    let v = applyHeartbeat(fresh(), at(0), timing).view;
    const early = applySweep(v, at(59), timing);
    expect(early.change).toBeUndefined();
    const late = applySweep(v, at(60), timing);
    expect(late.change).toEqual({ from: 'up', to: 'late' });
    expect(late.view.dueAt).toBe(at(240).toISOString());
    v = late.view;
    expect(applySweep(v, at(239), timing).change).toBeUndefined();
    const down = applySweep(v, at(240), timing);
    expect(down.change).toEqual({ from: 'late', to: 'down' });
    expect(down.view.dueAt).toBeUndefined();
    expect(down.view.statusSince).toBe(at(240).toISOString());
    const back = applyHeartbeat(down.view, at(300), timing);
    expect(back.change).toEqual({ from: 'down', to: 'up' });
    expect(back.view.dueAt).toBe(at(360).toISOString());
  });

  it('a heartbeat while late returns to up without counting as a flap', () => {
    const v = applySweep(applyHeartbeat(fresh(), at(0), timing).view, at(70), timing).view;
    const step = applyHeartbeat(v, at(75), timing);
    expect(step.change).toEqual({ from: 'late', to: 'up' });
    expect(step.view.recentTransitions).toEqual([]);
  });

  it('a sweep that runs late jumps straight from up to down', () => {
    const v = applyHeartbeat(fresh(), at(0), timing).view;
    expect(applySweep(v, at(500), timing).change).toEqual({ from: 'up', to: 'down' });
  });

  it('is idempotent: sweeping twice changes nothing the second time', () => {
    const v = applyHeartbeat(fresh(), at(0), timing).view;
    const once = applySweep(v, at(300), timing);
    const twice = applySweep(once.view, at(300), timing);
    expect(twice.change).toBeUndefined();
    expect(twice.view).toEqual(once.view);
  });

  it('respects a per-deployment grace time', () => {
    const long = { periodSeconds: 60, graceSeconds: 600 };
    const v = applyHeartbeat(fresh(), at(0), long).view;
    expect(applySweep(v, at(300), long).view.status).toBe('late');
    expect(applySweep(v, at(660), long).view.status).toBe('down');
  });
});

describe('maintenance: paused', () => {
  it('a due deployment inside a window is paused until the window ends, not late', () => {
    const v = applyHeartbeat(fresh(), at(0), timing).view;
    const step = applySweep(v, at(60), timing, { until: at(3600) });
    expect(step.change).toEqual({ from: 'up', to: 'paused' });
    expect(step.view.dueAt).toBe(at(3600).toISOString());
  });

  it('heartbeats during a window keep it paused', () => {
    const paused = applySweep(applyHeartbeat(fresh(), at(0), timing).view, at(60), timing, {
      until: at(3600),
    });
    const hb = applyHeartbeat(paused.view, at(120), timing, { until: at(3600) });
    expect(hb.change).toBeUndefined();
    expect(hb.view).toMatchObject({ status: 'paused', lastHeartbeatAt: at(120).toISOString() });
  });

  it('after the window a silent deployment gets a full period + grace before it is down', () => {
    const paused = applySweep(applyHeartbeat(fresh(), at(0), timing).view, at(60), timing, {
      until: at(3600),
    });
    const resumed = applySweep(paused.view, at(3600), timing);
    expect(resumed.change).toEqual({ from: 'paused', to: 'up' });
    expect(resumed.view.dueAt).toBe(at(3660).toISOString());
    expect(applySweep(resumed.view, at(3660), timing).view.status).toBe('late');
    expect(applySweep(resumed.view, at(3840), timing).view.status).toBe('down');
  });

  it('a window over a deployment that never sent a heartbeat ends as new', () => {
    const paused = applySweep(fresh(), at(10), timing, { until: at(100) });
    expect(paused.view.status).toBe('paused');
    expect(applySweep(paused.view, at(100), timing).view.status).toBe('new');
  });

  it('a down deployment is paused by a window and stays down-free until it ends', () => {
    const down = applySweep(applyHeartbeat(fresh(), at(0), timing).view, at(300), timing).view;
    const paused = applySweep(down, at(310), timing, { until: at(400) });
    expect(paused.change).toEqual({ from: 'down', to: 'paused' });
  });
});

describe('flapping', () => {
  it(`${FLAPPING.threshold} up↔down changes within ${FLAPPING.windowMinutes} min mean flapping; it clears when they age out`, () => {
    let v = applyHeartbeat(fresh(), at(0), timing).view;
    let clock = 0;
    const flap = () => {
      clock += 240;
      v = applySweep(v, at(clock), timing).view; // down
      clock += 10;
      v = applyHeartbeat(v, at(clock), timing).view; // up
    };
    flap();
    expect(v.recentTransitions).toHaveLength(2);
    expect(v.flapping).toBe(false);
    flap();
    expect(v.recentTransitions).toHaveLength(4);
    expect(v.flapping).toBe(true);
    // Stable heartbeats for longer than the window: transitions age out.
    for (let i = 1; i <= 32; i++) v = applyHeartbeat(v, at(clock + i * 60), timing).view;
    expect(v.recentTransitions).toEqual([]);
    expect(v.flapping).toBe(false);
  });
});
