// zod -> JSON Schema 2020-12 (the dialect of OpenAPI 3.1), with zod's own converter. Requests are described by what
// the API accepts (zod's input side: a decimal may come as a string or a short number), answers by what it sends.
import { z } from 'zod'

export type JsonSchema = Record<string, unknown>

const COMPONENT_REF = '#/components/schemas/'

/** Named schemas as components; a named schema used inside another becomes a $ref to it. */
export function componentSchemas(named: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id })
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `${COMPONENT_REF}${id}`,
    unrepresentable: 'any',
  })
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, bare(schema as JsonSchema)]))
}

/** One schema inline (query and path parameters). */
export function inlineSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return bare(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema)
}

export const componentRef = (name: string): JsonSchema => ({ $ref: `${COMPONENT_REF}${name}` })

/** Without $schema and $id: the document's dialect applies, and components are addressed by their place. */
function bare(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema' && key !== '$id'))
}
