import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

import { cacheStatements } from '../../db/statement-cache.js'

describe('cacheStatements', () => {
  const open = () => {
    const sqlite = new Database(':memory:')
    cacheStatements(sqlite)
    sqlite.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b')")
    return sqlite
  }

  it('compiles a statement once and hands the same one out again', () => {
    const sqlite = open()
    const first = sqlite.prepare('select name from t where id = ?')
    expect(sqlite.prepare('select name from t where id = ?')).toBe(first)
    expect(sqlite.prepare('select id from t where id = ?')).not.toBe(first)
  })

  it('hands a statement out in object mode even after a caller switched it to raw rows (as drizzle does)', () => {
    const sqlite = open()
    expect(sqlite.prepare('select name from t where id = ?').raw().get(1)).toEqual(['a'])
    expect(sqlite.prepare('select name from t where id = ?').get(2)).toEqual({ name: 'b' })
  })

  it('reuses writes too, with their own parameters each run', () => {
    const sqlite = open()
    sqlite.prepare('insert into t (name) values (?)').run('c')
    sqlite.prepare('insert into t (name) values (?)').run('d')
    expect(sqlite.prepare('select name from t order by id').all()).toEqual([
      { name: 'a' },
      { name: 'b' },
      { name: 'c' },
      { name: 'd' },
    ])
  })
})
