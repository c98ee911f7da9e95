// Lint: ESLint's and typescript-eslint's recommended rules, plus two type-aware rules that catch a forgotten await
// (no-floating-promises) and a promise handed to something that does not await it (no-misused-promises).
import { readFileSync } from 'node:fs'

import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// What git ignores is nobody's source (scratch files, data, reports): the same list, as flat-config patterns.
const gitignored = readFileSync(new URL('.gitignore', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
  .map((pattern) =>
    pattern.startsWith('/') ? pattern.slice(1) : pattern.slice(0, -1).includes('/') ? pattern : `**/${pattern}`
  )

export default tseslint.config(
  { ignores: [...gitignored, 'db/migrations/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A leading underscore marks a parameter an override or callback must accept but does not read.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read JSON answers as `any` and assert their shape on the next line; the assertion is the type check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The few plain-JS scripts (.ci/, this file) run on Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  }
)
