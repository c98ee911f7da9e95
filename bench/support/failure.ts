// A run that cannot measure what it claims (a request that failed, a fixture that does not exercise the path,
// a group that does not exist): run.ts prints it as one FAIL line and exits 1.
export class BenchFailure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BenchFailure'
  }
}
