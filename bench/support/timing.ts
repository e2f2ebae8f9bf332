// Operations per second of a synchronous function: a warm-up, then the best of several timed rounds, so a
// stray pause does not decide the figure.

export function timeOps(op: () => unknown, rounds = 5, roundMs = 400): number {
  const runFor = (ms: number) => {
    let n = 0
    const start = performance.now()
    let elapsed = 0
    while (elapsed < ms) {
      for (let i = 0; i < 1000; i++) op()
      n += 1000
      elapsed = performance.now() - start
    }
    return (n / elapsed) * 1000
  }
  runFor(roundMs)
  let best = 0
  for (let r = 0; r < rounds; r++) best = Math.max(best, runFor(roundMs))
  return best
}

/** Milliseconds of one call of `op`, the median of `runs` calls after one warm-up call. */
export function timeMs(op: () => unknown, runs = 5): number {
  op()
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const start = performance.now()
    op()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]
}
