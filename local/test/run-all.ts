/**
 * `npm test`: every check in one command, in the order that fails fastest.
 * Each step is a child process so one step's state never leaks into the next; the summary at the
 * end names every step with its time and result.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { browserExecutable } from './chromium';

interface Step {
  name: string;
  cmd: string;
  args: string[];
  /** Vitest's JSON report, read for the test counts in the summary. */
  report?: string;
}

const reportDir = join('.data', 'test-results');

const vitest = (project: string): Step => {
  const report = join(reportDir, `${project}.json`);
  return {
    name: `${project} tests`,
    cmd: 'npx',
    args: [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    report,
  };
};

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function readCounts(report: string | undefined): Counts | undefined {
  if (!report || !existsSync(report)) return undefined;
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
}

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
    "\n!! Browser tests NOT run: no Chromium found (install Debian's `chromium`, or set CHROMIUM_PATH).\n",
  );

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  const results: { name: string; ok: boolean; seconds: number; counts?: Counts }[] = [];
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    const code = await run(step);
    const counts = readCounts(step.report);
    results.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000, counts });
  }
  console.log('\n=== summary ===');
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    const c = r.counts;
    const detail = c ? `: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : '';
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)${detail}`);
    if (c) {
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
    } else if (!r.ok) total.failed += 1; // a failed check (type-check, lint) counts as one failure
  }
  if (!chromium) console.log('skip browser tests (no Chromium)');
  const allOk = results.every((r) => r.ok);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(allOk ? 0 : 1);
}

void main();
