// A caller's input quoted back in an error message: at most a short prefix of it, so that a 300 KB symbol (or path,
// or key) never comes back whole in a 400, a log line or a report.

/** How many characters of an input an error message quotes. */
export const QUOTED_INPUT_CHARS = 40

/** The input as an error message quotes it: its first `max` characters, then an ellipsis when it was longer. */
export function inputPrefix(value: unknown, max = QUOTED_INPUT_CHARS): string {
  const text = typeof value === 'string' ? value : String(value)
  // Array.from counts code points, so the cut never splits a surrogate pair; at most 2 * max code units can hold
  // max code points, so the rest of a huge input is never walked.
  const head = Array.from(text.slice(0, max * 2 + 1))
  return head.length > max ? `${head.slice(0, max).join('')}…` : head.join('')
}
