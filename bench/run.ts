/**
 * `npm run bench -- <name>` runs `bench/<name>.bench.ts`; without a name it lists them.
 * Benchmarks are not tests: each prints its figure beside a baseline measured in the same run.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const names = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const wanted = process.argv[2];

if (!wanted || !names.includes(wanted)) {
  console.log(`usage: npm run bench -- <name>\n\nbenchmarks:\n${names.map((n) => `  ${n}`).join('\n')}`);
  process.exit(wanted ? 2 : 0);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(__dirname, `${wanted}.bench.ts`), ...process.argv.slice(3)],
  {
    stdio: 'inherit',
  },
);
child.on('exit', (code) => process.exit(code ?? 1));
