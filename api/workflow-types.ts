// The workflows the API starts, by name and type. `import type` only: the API process never loads workflow code
// (the worker bundles it for Temporal's sandbox), yet a start's name, arguments and result are checked against the
// workflow function itself.
import type { WorkflowResultType } from '@temporalio/common'

import type * as workflows from '../workflows/index.js'

type Workflows = typeof workflows

/** A workflow the worker serves, by its function's name (its Temporal workflow type). */
export type WorkflowName = keyof Workflows
export type WorkflowOf<N extends WorkflowName> = Workflows[N]
export type WorkflowArgs<N extends WorkflowName> = Parameters<Workflows[N]>
export type WorkflowResult<N extends WorkflowName> = WorkflowResultType<Workflows[N]>
