/** A value built on first use and reused for the life of the process. */
export function memoize<T>(build: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: build() }).v;
}
