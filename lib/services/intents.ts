import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { formIntents } from "@/db/schema";
import { idempotencyKeyFor } from "@/lib/idempotency";
import { withLease } from "./leases";

/**
 * The virtual terminal's idempotency scheme for every form that creates something at a provider (customer, plan,
 * add-on, discount, subscription, invoice, boarding submission, file batch): the form carries an intent id made when
 * it was rendered; submissions of one intent run one at a time (a lease: no pooled connection is held while waiting)
 * and a later one answers with what the first created, so a double click, a retry after a timeout or a second tab
 * creates one object. What is kept is the action's small result (ids), never a secret.
 */
export async function oncePerIntent<T>(
  o: { scope: string; kind: string; intentId?: string | null },
  create: () => Promise<T>,
  keep: (result: T) => Record<string, unknown> = (r) => r as Record<string, unknown>,
): Promise<T> {
  if (!o.intentId) return create();
  const key = idempotencyKeyFor(o.kind, o.scope, o.intentId);
  return withLease(
    `intent:${o.scope}:${key}`,
    async () => {
      const [done] = await getDb()
        .select({ result: formIntents.result })
        .from(formIntents)
        .where(and(eq(formIntents.scope, o.scope), eq(formIntents.key, key)));
      if (done) return done.result as T;
      const result = await create();
      await getDb()
        .insert(formIntents)
        .values({ scope: o.scope, key, kind: o.kind, result: keep(result) })
        .onConflictDoNothing();
      return result;
    },
    { busyMessage: "This form is still being processed. Check the list before submitting it again." },
  );
}
