// A benchmark that did not measure what it claims (a request that failed, a fixture that does not exercise the
// path): run.ts prints it as a FAIL line and exits 1.
export class BenchFailure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BenchFailure'
  }
}
