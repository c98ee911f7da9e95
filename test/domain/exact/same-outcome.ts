// Byte-identical outcomes: the same JSON (key order included, as a workflow history records it), the same values
// (toStrictEqual tells -0, NaN and undefined keys apart), or the same error.
import { expect } from 'vitest'

export function expectSameOutcome<T>(fast: () => T, reference: () => T): void {
  let expected: { value: T } | { error: unknown }
  try {
    expected = { value: reference() }
  } catch (error) {
    expected = { error }
  }
  if ('error' in expected) {
    const message = expected.error instanceof Error ? expected.error.message : String(expected.error)
    expect(fast).toThrow(message)
    return
  }
  const actual = fast()
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected.value))
  expect(actual).toStrictEqual(expected.value)
}
