// The metric names a PromQL expression reads (as a Grafana panel writes it, with $variables), without a full
// parser: strings, label matchers, ranges, grouping label lists, variables, numbers, functions and keywords removed,
// what is left are metric names. A token glued to a digit (1e3, 1h after offset) is no name.

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
])

export function metricNamesOf(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{[^}]*\}|\$\w+/g, ' ')
  const names = new Set<string>()
  for (const match of stripped.matchAll(/(?<![\w.:])[a-zA-Z_:][\w:]*(?=\s*(\()?)/g)) {
    const [token, call] = [match[0], match[1]]
    if (call !== undefined || KEYWORDS.has(token.toLowerCase())) continue
    names.add(token)
  }
  return [...names].sort()
}
