// PostgreSQL's text columns refuse U+0000, which SQLite stores. Free text from outside (a venue's error message, an
// operator's reason) may carry it, and a write refused for it would fail its activity on every retry. Both engines
// store the same replacement character, so the history reads the same on either.
export function storableText<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? text.replaceAll('\u0000', '\uFFFD') : text) as T
}

/** An update with its free-text `error` made storable. */
export function withStorableError<T extends { error?: string | null }>(update: T): T {
  return update.error === undefined ? update : { ...update, error: storableText(update.error) }
}
