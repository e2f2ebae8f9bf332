// Operations per second of an asynchronous function awaited one call at a time (how a producer awaits a
// serializer), measured like timing.ts's timeOps: a warm-up round, then the best of several rounds.

export async function timeAsyncOps(op: () => Promise<unknown>, rounds = 5, roundMs = 400): Promise<number> {
  const runFor = async (ms: number) => {
    let n = 0
    const start = performance.now()
    let elapsed = 0
    while (elapsed < ms) {
      for (let i = 0; i < 1000; i++) await op()
      n += 1000
      elapsed = performance.now() - start
    }
    return (n / elapsed) * 1000
  }
  await runFor(roundMs)
  let best = 0
  for (let r = 0; r < rounds; r++) best = Math.max(best, await runFor(roundMs))
  return best
}
