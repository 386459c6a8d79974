/**
 * `npm test`: every check in one command, in the order that fails fastest.
 * Each step is a child process so one step's state never leaks into the next; the summary at the
 * end names every step with its time and result.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { browserExecutable } from './chromium';

interface Step {
  name: string;
  cmd: string;
  args: string[];
}

const vitest = (project: string): Step => ({
  name: `${project} tests`,
  cmd: 'npx',
  args: ['vitest', 'run', '--project', project],
});

const steps: Step[] = [
  { name: 'type-check', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  { name: 'lint', cmd: 'npx', args: ['biome', 'check', '.'] },
  vitest('unit'),
  vitest('integration'),
];

const chromium = browserExecutable();
if (chromium && existsSync(chromium)) steps.push(vitest('browser'));
else
  console.warn(
    '\n!! Browser tests NOT run: no Chromium found (install Debian\'s `chromium`, or set CHROMIUM_PATH).\n',
  );

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const results: { name: string; ok: boolean; seconds: number }[] = [];
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    const code = await run(step);
    results.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000 });
  }
  console.log('\n=== summary ===');
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
  if (!chromium) console.log('skip browser tests (no Chromium)');
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
