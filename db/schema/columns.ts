import { timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Column builders that most tables share (the references to merchants and users are beside those tables:
 * `merchantRef` in ./merchants, `userRef` in ./users). Each call makes a new column; the SQL is the same as
 * writing the builder out.
 */

/** A row's own random uuid key. */
export const rowId = () => uuid().primaryKey().defaultRandom();

/** `timestamptz not null default now()`: when the row was written (created, updated, synced, received…). */
export const timestampNow = () => timestamp({ withTimezone: true }).notNull().defaultNow();
