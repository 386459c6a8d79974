/**
 * A full refresh's file writes in flight: up to `max` at once, so the next batch is mapped while DuckDB
 * writes and the blob uploads the previous one. Finished files are collected in order in `done`.
 */
import type { LakeFile } from '@kpi/shared/contracts/lake';

export class PendingWrites {
  private readonly queue: Promise<LakeFile>[] = [];

  constructor(
    private readonly max: number,
    readonly done: LakeFile[],
  ) {}

  async add(write: Promise<LakeFile>): Promise<void> {
    write.catch(() => undefined); // observed when awaited below
    this.queue.push(write);
    while (this.queue.length > this.max) this.done.push(await (this.queue.shift() as Promise<LakeFile>));
  }

  async flush(): Promise<void> {
    while (this.queue.length) this.done.push(await (this.queue.shift() as Promise<LakeFile>));
  }

  /** After a failure: waits for the writes in flight and keeps the files that made it (to discard them). */
  async settle(): Promise<void> {
    const results = await Promise.allSettled(this.queue.splice(0));
    for (const r of results) if (r.status === 'fulfilled') this.done.push(r.value);
  }
}
