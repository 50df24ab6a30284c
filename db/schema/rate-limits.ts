import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/** Store of rate-limiter-flexible's RateLimiterPostgres (shape fixed by that library). */
export const rateLimits = pgTable("rate_limits", {
  key: varchar({ length: 255 }).primaryKey(),
  points: integer().notNull().default(0),
  expire: bigint({ mode: "number" }),
});
