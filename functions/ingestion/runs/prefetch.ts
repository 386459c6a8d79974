/**
 * Reads one item ahead: while the caller maps and writes a batch, the next batch is already being fetched
 * from the source (PostgreSQL's FETCH, the next REST page), so reading and writing overlap. An error of the
 * read ahead surfaces when the caller asks for that item, after the current one is handled.
 */
export async function* prefetch<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      next.catch(() => undefined); // observed when awaited above
      yield r.value;
    }
  } finally {
    await it.return?.(undefined);
  }
}
