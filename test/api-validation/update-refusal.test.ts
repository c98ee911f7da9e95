import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client'
import { ApplicationFailure } from '@temporalio/common'
import { describe, expect, it } from 'vitest'

import { ApiError } from '../../api/errors.js'
import { updateRefusal } from '../../api/update-refusal.js'

// Which failed update becomes which answer: a run that ended (however the server words it) is a 409, a refused
// value a 400 naming its field, anything else passes through to the 500 handler.
describe('updateRefusal', () => {
  const refusal = (error: unknown) => updateRefusal(error, 'wf-1')

  it('answers 409 not_running for every way a closed run refuses an update', () => {
    const closed = [
      new WorkflowNotFoundError('workflow not found', 'wf-1', undefined),
      new Error('workflow execution already completed'),
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        ApplicationFailure.create({ type: 'AcceptedUpdateCompletedWorkflow', message: 'completed before the update' })
      ),
    ]
    for (const error of closed) {
      const answer = refusal(error)
      expect(answer).toBeInstanceOf(ApiError)
      expect(answer).toMatchObject({ status: 409, code: 'not_running' })
    }
  })

  it('answers 400 naming the field a validator refused', () => {
    const failure = ApplicationFailure.create({
      type: 'ValidationError',
      message: 'intervalMs must be at least 500',
      details: [{ field: 'intervalMs' }],
    })
    expect(refusal(new WorkflowUpdateFailedError('Workflow Update failed', failure))).toMatchObject({
      status: 400,
      extra: { field: 'intervalMs' },
    })
  })

  it('passes anything else through unchanged', () => {
    const down = new Error('14 UNAVAILABLE: connection refused')
    expect(refusal(down)).toBe(down)
  })
})
