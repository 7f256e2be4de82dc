/**
 * Runs at most `limit` tasks at once; the rest wait their turn. sharp already works on its own
 * threads, so this only keeps a burst of uploads from holding every image's decode in memory.
 */
export function workLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) running++;
    // A finishing task hands its place straight to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
