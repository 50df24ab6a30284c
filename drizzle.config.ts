import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  // drizzle-kit generate needs no connection; migrations are applied by db/migrate.ts.
});
