import { defineConfig } from 'drizzle-kit'

// `npx drizzle-kit generate` writes a new migration to db/migrations after a change to db/schema.ts.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/gateway.db' },
})
