import { badRequest, ok } from "../core/envelope";
import { createAccount } from "../core/accounts";
import { advanceClock } from "../core/clock";
import { clearFaults, listFaults, setFault } from "../core/faults";
import { asObject, str } from "../core/fields";
import { issueJwt } from "../core/jwt";
import type { Route } from "../core/types";
import { listDeliveries, sendTestWebhook, setWebhookConfig } from "../core/webhooks";
import { closeBatch } from "../settlement/close";
import { q } from "../core/schema";

function rate(o: Record<string, unknown>, name: string): number {
  const v = o[name] ?? 0;
  if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw badRequest(`invalid ${name}: must be between 0 and 1`);
  return v;
}

/** Sandbox-only control calls for tests, demos and outside checks (paths fixed by the issue). */
export const controlRoutes: Route[] = [
  {
    // A JWT for `Authorization: Bearer …` (seed 003 L31–33); see core/jwt.ts.
    method: "POST",
    path: "/_control/jwt",
    auth: "private",
    async handle({ account }) {
      return ok(issueJwt(account.id));
    },
  },
  {
    method: "POST",
    path: "/_control/accounts",
    auth: "none",
    async handle({ body }) {
      const o = asObject(body);
      const name = str(o, "name", { max: 100 });
      const batchTime = str(o, "batch_time", { pattern: /^([01]\d|2[0-3]):[0-5]\d$/ });
      const startAtText = str(o, "start_at", { max: 40 });
      let startAt: Date | undefined;
      if (startAtText !== undefined) {
        startAt = new Date(startAtText);
        const age = Date.now() - startAt.getTime();
        if (!Number.isFinite(age) || age < 0 || age > 400 * 86_400_000)
          throw badRequest("invalid start_at: must be an ISO time within the last 400 days");
      }
      return ok(await createAccount({ name, batchTime, startAt }));
    },
  },
  {
    method: "POST",
    path: "/_control/clock",
    auth: "private",
    async handle({ account, body }) {
      const o = asObject(body);
      const s = o.advance_seconds ?? 0;
      if (typeof s !== "number" || !Number.isFinite(s) || s < 0 || s > 5 * 366 * 86_400)
        throw badRequest("invalid advance_seconds: must be a number of seconds between 0 and 5 years");
      const now = await advanceClock(account.id, s);
      return ok({ now: now.toISOString() });
    },
  },
  {
    method: "GET",
    path: "/_control/clock",
    auth: "private",
    async handle({ now }) {
      return ok({ now: now.toISOString() });
    },
  },
  {
    method: "POST",
    path: "/_control/settle",
    auth: "private",
    async handle({ account, now }) {
      const batch = await closeBatch(account, now);
      return ok(batch ? [batch] : [], batch ? 1 : 0);
    },
  },
  {
    method: "POST",
    path: "/_control/deposit-shortfall",
    auth: "private",
    async handle({ account, body }) {
      const n = asObject(body).amount;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 100_000_000)
        throw badRequest("invalid amount: cents, an integer ≥ 0");
      await q(
        `update sandbox_gateway.accounts set settings = settings || jsonb_build_object('deposit_shortfall', $2::int) where id = $1`,
        [account.id, n],
      );
      return ok({ next_deposit_short: n });
    },
  },
  {
    method: "POST",
    path: "/_control/faults",
    auth: "private",
    async handle({ account, body }) {
      const o = asObject(body);
      const prefix = str(o, "path_prefix", { required: true, max: 200, pattern: /^\// }) as string;
      const latency = o.latency_ms ?? 0;
      if (typeof latency !== "number" || !Number.isInteger(latency) || latency < 0 || latency > 60_000)
        throw badRequest("invalid latency_ms: must be an integer between 0 and 60000");
      await setFault(account.id, {
        path_prefix: prefix,
        error_rate: rate(o, "error_rate"),
        timeout_rate: rate(o, "timeout_rate"),
        timeout_after_commit_rate: rate(o, "timeout_after_commit_rate"),
        latency_ms: latency,
      });
      return ok(await listFaults(account.id));
    },
  },
  {
    method: "DELETE",
    path: "/_control/faults",
    auth: "private",
    async handle({ account, body }) {
      const o = asObject(body);
      const prefix = str(o, "path_prefix", { max: 200 });
      const removed = await clearFaults(account.id, prefix);
      return ok({ removed });
    },
  },
  {
    method: "POST",
    path: "/_control/webhook",
    auth: "private",
    async handle({ account, body }) {
      const o = asObject(body);
      const url = str(o, "url", { required: true, max: 2000 }) as string;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw badRequest("invalid url");
      }
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw badRequest("invalid url");
      const secret = str(o, "secret", { required: true, min: 8, max: 200 }) as string;
      await setWebhookConfig(account.id, url, secret);
      await sendTestWebhook(account.id, account.merchantId, url);
      return ok({ url });
    },
  },
  {
    method: "GET",
    path: "/_control/webhook/deliveries",
    auth: "private",
    async handle({ account }) {
      const d = await listDeliveries(account.id);
      return ok(d, d.length);
    },
  },
];
