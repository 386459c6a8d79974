import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { discoverApps, startHost } from './host';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of fixture responses are checked field by field.
type Json = Record<string, any>;

const fixtures = path.join(__dirname, 'fixtures');
const lines: string[] = [];
let host: Awaited<ReturnType<typeof startHost>>;

const get = async (p: string, init?: RequestInit) => fetch(`${host.url}${p}`, init);
const json = async (p: string, init?: RequestInit) => (await get(p, init)).json() as Promise<Json>;

beforeAll(async () => {
  host = await startHost({
    port: await freePort(),
    hostJsonPath: path.join(__dirname, '..', '..', 'host.json'),
    log: (line) => lines.push(line),
    apps: [
      {
        name: 'alpha',
        dir: path.join(fixtures, 'alpha'),
        settings: { SHARED: 'alpha-value', ALPHA_ONLY: 'a', FAILING_SCHEDULE: '0 0 0 1 1 *' },
      },
      { name: 'beta', dir: path.join(fixtures, 'beta'), settings: { SHARED: 'beta-value', BETA_ONLY: 'b' } },
    ],
  });
});

afterAll(async () => {
  await host?.stop();
});

describe('discoverApps', () => {
  it('finds every folder with an index.ts', () => {
    expect(discoverApps(fixtures).map((a) => a.name)).toEqual(['alpha', 'beta', 'broken', 'sbapp']);
  });
});

describe('HTTP routing', () => {
  it('passes params, optional params, query, headers and method', async () => {
    const a = await json('/api/echo/42?x=1&y=two&x=3', { headers: { 'x-custom': 'v1' } });
    expect(a.fn).toBe('echo');
    expect(a.method).toBe('GET');
    expect(a.params).toEqual({ id: '42' });
    // The host joins a repeated query key with ',' (ASP.NET StringValues), as in Azure.
    expect(a.query).toEqual({ x: '1,3', y: 'two' });
    expect(a.headers['x-custom']).toBe('v1');
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/echo\/42\?x=1&y=two&x=3$/);
    const b = await json('/api/ECHO');
    expect(b.params).toEqual({});
  });

  it('ranks literal over constrained over plain over catch-all and checks constraints', async () => {
    expect((await json('/api/kpis/new')).fn).toBe('kpiNew');
    expect((await json('/api/kpis/17')).fn).toBe('kpiById');
    expect((await json('/api/kpis/abc')).params).toEqual({ name: 'abc' });
    const rest = await json('/api/kpis/a1/b/c');
    expect([rest.fn, rest.params]).toEqual(['kpiRest', { rest: 'a1/b/c' }]);
    expect((await json('/api/things/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).fn).toBe('thing');
    expect((await get('/api/things/not-a-guid')).status).toBe(404);
    expect((await json('/api/defaultRoute')).fn).toBe('defaultRoute');
  });

  it('answers 404 and 405 with JSON errors', async () => {
    const nf = await get('/api/no/such/route');
    expect(nf.status).toBe(404);
    expect((await nf.json()).error.code).toBe('ROUTE.NOT_FOUND');
    const na = await get('/api/kpis/abc', { method: 'PUT' });
    expect(na.status).toBe(405);
    // Union of the methods of every route matching the path (kpiByName and the catch-all kpiRest).
    expect(na.headers.get('allow')).toBe('DELETE, GET');
    expect((await get('/api/kpis/12', { method: 'DELETE' })).headers.get('allow')).toBe('GET');
    expect((await na.json()).error.code).toBe('ROUTE.METHOD_NOT_ALLOWED');
    expect((await get('/elsewhere')).status).toBe(404);
  });

  it('answers a URL or headers over 16 KB with 431 and the error shape (was an empty body)', async () => {
    const longUrl = await get(`/api/echo/${'x'.repeat(20_000)}`);
    expect(longUrl.status).toBe(431);
    expect(longUrl.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await longUrl.json()).error).toEqual({
      code: 'REQUEST.HEADER_TOO_LARGE',
      message: expect.any(String),
    });
    // A short request line goes to the app's worker, whose server then meets the long header.
    const bigHeader = await get('/api/echo/1', { headers: { 'x-big': 'y'.repeat(20_000) } });
    expect(bigHeader.status).toBe(431);
    expect((await bigHeader.json()).error.code).toBe('REQUEST.HEADER_TOO_LARGE');
    expect((await get('/api/echo/1')).status).toBe(200);
  });

  it('passes text, JSON and binary bodies exactly', async () => {
    const text = await json('/api/echo', {
      method: 'POST',
      body: 'héllo',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.bodyText).toBe('héllo');
    const created = await get('/api/json', { method: 'POST', body: JSON.stringify({ n: 21 }) });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await created.json()).toEqual({ doubled: 42 });
    const bytes = Buffer.from([0, 255, 1, 254, 128, 10, 13]);
    const bin = await get('/api/binary', { method: 'POST', body: bytes });
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await bin.arrayBuffer())).toEqual(Buffer.from([...bytes].reverse()));
  });

  it('returns status, multi-value headers and cookies; 204 when the handler returns nothing', async () => {
    const r = await get('/api/fancy');
    expect(r.status).toBe(202);
    expect(r.headers.get('x-multi')).toBe('a, b');
    expect(r.headers.getSetCookie()).toEqual([
      'session=abc; Path=/; HttpOnly; SameSite=Strict',
      'theme=dark; Max-Age=60',
    ]);
    expect(await r.text()).toBe('plain text');
    expect(r.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get('/api/nothing')).status).toBe(204);
  });

  it('keeps connections alive across requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        http
          .get(`${host.url}/api/kpis/${i}`, { agent }, (res) => {
            ports.push(res.socket.localPort ?? -1);
            res.resume().on('end', resolve);
          })
          .on('error', reject);
      });
    }
    agent.destroy();
    expect(new Set(ports).size).toBe(1);
  });

  it('turns a throwing handler into 500 JSON without a stack, and logs the stack', async () => {
    const r = await get('/api/boom');
    expect(r.status).toBe(500);
    const body = await r.json();
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toMatch(/secret detail|\.ts:|at /);
    const logged = lines
      .map((l) => (l.startsWith('{') ? JSON.parse(l) : {}))
      .find((l) => l.invocationId === body.error.id);
    expect(logged).toMatchObject({ app: 'alpha', function: 'boom', level: 'error' });
    expect(logged.message).toContain('secret detail');
  });

  it('logs context.log as JSON lines with app, function and invocation id', async () => {
    const a = await json('/api/echo/7');
    const entry = lines
      .map((l) => (l.startsWith('{') ? JSON.parse(l) : {}))
      .find((l) => l.invocationId === a.invocationId);
    expect(entry).toMatchObject({
      app: 'alpha',
      function: 'echo',
      category: 'user',
      message: 'echo called GET',
    });
  });
});

describe('apps in separate workers', () => {
  it('gives each app its own process and only its own settings', async () => {
    const a = await json('/api/alpha/env');
    const b = await json('/api/beta/env');
    expect(a).toMatchObject({ shared: 'alpha-value', alphaOnly: 'a', betaOnly: null, runtime: 'node' });
    expect(b).toMatchObject({ shared: 'beta-value', alphaOnly: null, betaOnly: 'b' });
    expect(a.pid).not.toBe(b.pid);
    expect(a.pid).not.toBe(process.pid);
  });

  it('streams request and response bodies for an app with enableHttpStream', async () => {
    const up = await json('/api/beta/upload', { method: 'POST', body: Buffer.alloc(300_000, 7) });
    expect(up).toEqual({ bytes: 300_000, chunks: true });
    const r = await get('/api/beta/ticker');
    expect(r.headers.get('transfer-encoding')).toBe('chunked');
    expect(await r.text()).toBe('tick 0\ntick 1\ntick 2\n');
    const boom = await get('/api/beta/boom');
    expect(boom.status).toBe(500);
    expect((await boom.json()).error.code).toBe('INTERNAL');
  });
});

describe('one keep-alive connection across apps', () => {
  /** Sends requests one after another over a single kept-alive socket; returns status, body and local port. */
  async function sequence(reqs: { method?: string; path: string; body?: string }[]) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const out: { status: number; body: string; port: number }[] = [];
    for (const r of reqs) {
      out.push(
        await new Promise((resolve, reject) => {
          const req = http.request(`${host.url}${r.path}`, { method: r.method ?? 'GET', agent }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              body += c;
            });
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body, port: res.socket?.localPort ?? -1 }),
            );
          });
          req.on('error', reject);
          req.end(r.body);
        }),
      );
    }
    agent.destroy();
    expect(new Set(out.map((o) => o.port)).size).toBe(1);
    return out;
  }

  it('serves other apps, the admin API and 404s on a connection handed to one app', async () => {
    const [a, b, admin, nf, post] = await sequence([
      { path: '/api/alpha/env' },
      { path: '/api/beta/env' },
      { path: '/admin/functions' },
      { path: '/api/nope' },
      { method: 'POST', path: '/api/beta/upload', body: 'x'.repeat(1000) },
    ]);
    expect(JSON.parse(a?.body ?? '')).toMatchObject({ shared: 'alpha-value' });
    expect(JSON.parse(b?.body ?? '')).toMatchObject({ shared: 'beta-value' });
    expect(JSON.parse(admin?.body ?? '[]').length).toBe(host.functions().length);
    expect([nf?.status, JSON.parse(nf?.body ?? '').error.code]).toEqual([404, 'ROUTE.NOT_FOUND']);
    expect(JSON.parse(post?.body ?? '')).toEqual({ bytes: 1000, chunks: true });
  });

  /** Writes `parts` on a fresh connection with `gapMs` between them; resolves with the whole response. */
  function splitRequest(parts: string[], gapMs: number): Promise<string> {
    const { port } = new URL(host.url);
    return new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      socket.setNoDelay(true);
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (c: string) => {
        text += c;
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.setTimeout(5_000, () => {
        socket.destroy();
        reject(new Error(`no complete response (gap ${gapMs} ms); got: ${JSON.stringify(text)}`));
      });
      socket.on('connect', async () => {
        for (const part of parts) {
          socket.write(part);
          if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
          else await new Promise((r) => setImmediate(r));
        }
      });
    });
  }

  it('loses nothing that arrives after the request line while the connection is handed to a worker', async () => {
    const body = 'split-body';
    // The first line alone, then the headers, then the body: each may reach the front while it is routing
    // the connection or while the socket is on its way to the worker.
    const parts = [
      'POST /api/echo/7 HTTP/1.1\r\n',
      `Host: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      body,
    ];
    for (const gapMs of [0, 0, 0, 1, 1, 2, 5, 20, 0, 0, 1, 1]) {
      const response = await splitRequest(parts, gapMs);
      expect(response).toMatch(/^HTTP\/1\.1 200/);
      expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)).bodyText).toBe(body);
    }
  });

  it('serves apps on a connection the front keeps (first request not for an app)', async () => {
    const [nf, a, bin, b] = await sequence([
      { path: '/api/nope' },
      { path: '/api/alpha/env' },
      { method: 'POST', path: '/api/echo', body: 'héllo' },
      { path: '/api/beta/env' },
    ]);
    expect(nf?.status).toBe(404);
    expect(JSON.parse(a?.body ?? '')).toMatchObject({ shared: 'alpha-value' });
    expect(JSON.parse(bin?.body ?? '').bodyText).toBe('héllo');
    expect(JSON.parse(b?.body ?? '')).toMatchObject({ shared: 'beta-value' });
  });
});

describe('admin API and timers', () => {
  it('lists every function with app, trigger and route or schedule', async () => {
    const list = (await (await get('/admin/functions')).json()) as Record<string, unknown>[];
    expect(list).toEqual(host.functions());
    expect(list).toContainEqual(
      expect.objectContaining({
        app: 'alpha',
        name: 'kpiById',
        trigger: 'httpTrigger',
        route: 'kpis/{id:int}',
        methods: ['GET'],
        path: '/api/kpis/{id:int}',
      }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({
        app: 'alpha',
        name: 'yearly',
        trigger: 'timerTrigger',
        schedule: '0 0 0 1 1 *',
      }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ app: 'beta', name: 'upload', trigger: 'httpTrigger' }),
    );
  });

  it('runs a timer now with ?wait=true, with the Azure timer shape', async () => {
    const r = await get('/admin/functions/yearly?wait=true', {
      method: 'POST',
      body: JSON.stringify({ input: '' }),
    });
    expect(r.status).toBe(200);
    const runs = (await json('/api/alpha/timer-runs')) as unknown as { fn: string; timer: Json }[];
    const run = runs.filter((x) => x.fn === 'yearly').at(-1);
    expect(run?.timer).toEqual({ schedule: { adjustForDST: true }, scheduleStatus: null, isPastDue: false });
  });

  it('answers 202 at once without wait, 500 for a failing run with wait, 404/400 for unknown or HTTP', async () => {
    expect((await get('/admin/functions/yearly', { method: 'POST', body: '{}' })).status).toBe(202);
    const failed = await get('/admin/functions/failingTimer?wait=true', { method: 'POST', body: '{}' });
    expect(failed.status).toBe(500);
    expect((await failed.json()).error).toMatchObject({
      code: 'INVOCATION.FAILED',
      message: 'timer failed on purpose',
    });
    expect((await get('/admin/functions/nope', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await get('/admin/functions/echo', { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('runs a runOnStartup timer when the app starts', async () => {
    const runs = (await json('/api/alpha/timer-runs')) as unknown as { fn: string; timer: Json }[];
    const startup = runs.filter((r) => r.fn === 'atStartup');
    expect(startup).toHaveLength(1);
    expect(startup[0]?.timer.isPastDue).toBe(false);
    expect(new Date(startup[0]?.timer.scheduleStatus.next).getUTCMonth()).toBe(0);
  });

  it('fires a real every-second schedule with the timer shape', async () => {
    const deadline = Date.now() + 5000;
    let runs: { fn: string; timer: Json }[] = [];
    while (Date.now() < deadline) {
      runs = ((await json('/api/alpha/timer-runs')) as unknown as typeof runs).filter(
        (x) => x.fn === 'everySecond',
      );
      if (runs.length >= 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const t = runs[1]?.timer ?? {};
    expect(t.schedule).toEqual({ adjustForDST: true });
    expect(t.isPastDue).toBe(false);
    expect(new Date(t.scheduleStatus.next).getTime()).toBeGreaterThan(
      new Date(t.scheduleStatus.last).getTime(),
    );
  });
});

describe('crash handling', () => {
  it('restarts a worker that exits and reports it loudly', async () => {
    const before = await json('/api/alpha/env');
    await get('/api/alpha/crash');
    const deadline = Date.now() + 10_000;
    let after: Json | undefined;
    while (Date.now() < deadline) {
      const r = await get('/api/alpha/env');
      if (r.status === 200) {
        const body = await r.json();
        if (body.pid !== before.pid) {
          after = body;
          break;
        }
      } else {
        expect([500, 503]).toContain(r.status);
        await r.body?.cancel();
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!after) console.log(lines.filter((l) => !l.startsWith('{')).join('\n'));
    expect(after?.shared).toBe('alpha-value');
    expect(
      lines.some((l) => l.includes('!!!!! [alpha] the worker process exited unexpectedly (code 3)')),
    ).toBe(true);
  });
});

describe('startup failure', () => {
  it('fails naming the app and its error, and frees everything', async () => {
    const port = await freePort();
    await expect(
      startHost({
        port,
        log: () => {},
        apps: [
          { name: 'alpha', dir: path.join(fixtures, 'alpha'), settings: { FAILING_SCHEDULE: '0 0 0 1 1 *' } },
          { name: 'broken', dir: path.join(fixtures, 'broken'), settings: {} },
        ],
      }),
    ).rejects.toThrow(/Function app 'broken' failed to load: .*broken fixture cannot start/);
    // The port is free again (nothing half-started is left listening).
    const again = http.createServer();
    await new Promise<void>((resolve, reject) =>
      again.once('error', reject).listen(port, '127.0.0.1', resolve),
    );
    again.close();
  });

  it('fails for an invalid schedule setting, naming the app', async () => {
    await expect(
      startHost({
        port: 0,
        log: () => {},
        apps: [{ name: 'alpha', dir: path.join(fixtures, 'alpha'), settings: {} }],
      }),
    ).rejects.toThrow(/Function app 'alpha' failed to load: .*FAILING_SCHEDULE/);
  });
});

describe('shutdown', () => {
  it('stops cleanly when its workers died a moment before (Ctrl-C reaches the whole process group)', async () => {
    const own = await startHost({
      port: 0,
      log: () => {},
      apps: [{ name: 'beta', dir: path.join(fixtures, 'beta'), settings: { SHARED: 'x', BETA_ONLY: 'b' } }],
    });
    const { pid } = (await (await fetch(`${own.url}/api/beta/env`)).json()) as { pid: number };
    const failures: unknown[] = [];
    const record = (err: unknown) => failures.push(err);
    process.on('uncaughtException', record);
    try {
      process.kill(pid, 'SIGKILL');
      // Block this thread while the worker dies, so the host has not yet seen its IPC channel close and
      // still thinks it connected: the stop message then hits a dead pipe (EPIPE).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      await own.stop();
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', record);
    }
    expect(failures).toEqual([]);
  });
});
