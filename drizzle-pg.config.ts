import { defineConfig } from 'drizzle-kit'

// The PostgreSQL history's migrations (DATABASE_URL): `npm run db:generate` writes both dialects' after a change to
// db/schema.ts and db/schema-pg.ts, which name the same tables and columns.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg.ts',
  out: './db/migrations-pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:55432/gateway' },
})
