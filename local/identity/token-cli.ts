/** `npm run -s token -- <user-email>`: see token-command.ts. */
import { resolve } from 'node:path';
import { runTokenCommand } from './token-command';

runTokenCommand(process.argv.slice(2), process.env, resolve(__dirname, '..', '..', '.data'), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: Error) => {
    console.error(`token: ${err.message}`);
    process.exitCode = 1;
  });
