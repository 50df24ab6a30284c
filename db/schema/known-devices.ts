import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { userRef } from "./users";
import { timestampNow } from "./columns";

/** Browsers an account has signed in from (a hash of the user agent): a sign-in from a new one is announced. */
export const knownDevices = pgTable(
  "known_devices",
  {
    userId: userRef(),
    deviceHash: text().notNull(),
    firstSeenAt: timestampNow(),
    lastSeenAt: timestampNow(),
  },
  (t) => [uniqueIndex().on(t.userId, t.deviceHash)],
);
