// Compiled statements kept for reuse. drizzle's better-sqlite3 session prepares every query's SQL again, each time
// it runs; the platform runs the same few dozen statements before and after every order (risk facts, the ledger,
// the execution record), and compiling them was a measurable share of an order's CPU (bench: `npm run bench`).
// better-sqlite3 statements are reusable once a synchronous run/get/all has returned, which is the only way drizzle
// uses them; a cached statement is handed out with its result mode reset (drizzle switches on raw rows per call).
import type Database from 'better-sqlite3'

const MAX_STATEMENTS = 500

export function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite)
  const cache = new Map<string, Database.Statement>()
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source)
    if (statement === undefined) {
      statement = prepare(source)
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string)
      cache.set(source, statement)
    }
    if (statement.reader) statement.raw(false)
    return statement
  }) as typeof sqlite.prepare
}
