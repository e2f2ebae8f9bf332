// Runs `count` numbered tasks with at most `concurrency` in flight, as concurrent clients would; resolves with
// the seconds it took.

export async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++)
    }),
  )
  return (performance.now() - start) / 1000
}
