import { defineConfig } from "prisma/config";

// The app migrates itself at start (lib/db/migrate.ts); this file serves the Prisma CLI
// (generate everywhere, migrate status/deploy where Prisma's schema engine can be downloaded).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/relabel" },
});
