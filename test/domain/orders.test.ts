// What is left to fill of an order, exactly, whatever the venue reports.
import { describe, expect, it } from 'vitest'

import { unfilledAmount } from '../../domain/orders.js'

describe('unfilledAmount', () => {
  it('subtracts exactly', () => {
    // 0.3 − 0.1 in floats is 0.19999999999999998
    expect(unfilledAmount({ amount: '0.3', filled: '0.1' })).toBe('0.2')
    expect(unfilledAmount({ amount: '0.3', filled: '0' })).toBe('0.3')
    expect(unfilledAmount({ amount: '0.3', filled: '0.3' })).toBe('0')
  })

  it('never goes below zero when a venue reports more filled than the amount', () => {
    expect(unfilledAmount({ amount: '0.3', filled: '0.31' })).toBe('0')
  })
})
