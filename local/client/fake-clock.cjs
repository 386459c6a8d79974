// Test-only preload for a client deployment's workers (`workerExecArgv: ['--require', <this file>]`):
// shifts the whole process clock by FAKE_CLOCK_OFFSET_MS, as if days had passed on the machine that runs
// the deployment, so licence paths that need time (grace, past grace, a clock rolled back) are tested
// without waiting. Never used by npm start or in Azure.
const offset = Number(process.env.FAKE_CLOCK_OFFSET_MS || 0);
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
