// Which 422s are our own limits' refusals (code risk_rejected) and which are the venue's.
import { describe, expect, it } from 'vitest'

import { riskRefusalOf, riskRejectedBody } from '../../api/risk-refusal.js'

const refused = { errorType: 'RiskRejectedError', message: 'order value 6000 USDT is above maxOrderNotional 1000 USDT' }
const venueSaidNo = { errorType: 'InsufficientBalanceError', message: 'insufficient USDT' }

describe('riskRefusalOf', () => {
  it('finds a single order refused by a limit', () => {
    expect(riskRefusalOf({ outcome: 'rejected', error: { type: 'RiskRejectedError', message: 'no' } })).toBe('no')
    expect(riskRefusalOf({ outcome: 'rejected', error: { type: 'InvalidOrderError', message: 'no' } })).toBeUndefined()
  })

  it('a failover is judged by its last attempt: a venue rejecting the backup after a refused primary is the venue', () => {
    expect(riskRefusalOf({ outcome: 'rejected', attempts: [venueSaidNo, refused] })).toBe(refused.message)
    expect(riskRefusalOf({ outcome: 'rejected', attempts: [refused, venueSaidNo] })).toBeUndefined()
  })

  it('an arbitrage with either leg refused is a refusal', () => {
    expect(
      riskRefusalOf({
        outcome: 'rejected',
        legs: [
          { outcome: 'rejected', ...venueSaidNo },
          { outcome: 'rejected', ...refused },
        ],
      })
    ).toBe(refused.message)
    expect(riskRefusalOf({ outcome: 'rejected', legs: [venueSaidNo] })).toBeUndefined()
    expect(riskRefusalOf(undefined)).toBeUndefined()
  })

  it('the body keeps the result and puts the refusal in the error envelope', () => {
    expect(riskRejectedBody({ workflowId: 'w', outcome: 'rejected' }, 'why')).toEqual({
      workflowId: 'w',
      outcome: 'rejected',
      error: { code: 'risk_rejected', type: 'RiskRejectedError', message: 'why' },
    })
  })
})
