// A manual clock whose sleep advances time instantly, so limiter waits are observable without real waiting.
export function fakeTime(start = 1_700_000_000_000) {
  let now = start
  const sleeps: number[] = []
  return {
    clock: () => now,
    advance: (ms: number) => {
      now += ms
    },
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
    sleeps,
  }
}
