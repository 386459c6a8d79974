/**
 * Something built once per process on first use, asynchronously, such as an app's `dependencies()`:
 * concurrent first callers share one build; a failed build (bad settings, a key vault not answering yet)
 * is forgotten, so the next call tries again instead of failing for the life of the process.
 */
export function lazyOnce<T>(build: () => T | Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= Promise.resolve()
      .then(build)
      .catch((err: unknown) => {
        value = undefined;
        throw err;
      });
    return value;
  };
}
