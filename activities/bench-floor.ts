// The activity of the benchmarks' floor B (workflows/bench-floor.ts): it does nothing, so what it costs is
// Temporal's and the worker's own share of an activity call.
export function createBenchFloorActivities() {
  return {
    async benchNoop(): Promise<void> {},
  }
}
