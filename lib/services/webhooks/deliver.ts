import http from "node:http";
import https from "node:https";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, merchantEvents } from "@/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { signingSecrets } from "./secrets";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader, TIMESTAMP_HEADER } from "@/lib/webhooks/signature";
import { AddressNotAllowed, endpointUrlProblem, guardedLookup } from "@/lib/webhooks/url";

const STALE_SENDING = "5 minutes";
const TIMEOUT_MS = 10_000;
const EXCERPT = 1000;

export type WebhookOutcome =
  | { kind: "succeeded"; status: number }
  | { kind: "skipped"; reason: string }
  | { kind: "retry"; response: string }
  | { kind: "failed"; response: string };

/** The JSON body receivers get; the same bytes on every attempt of an event (only the signed timestamp changes). */
export function eventBody(e: { id: string; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ id: e.id, type: e.type, created: Math.floor(e.createdAt.getTime() / 1000), data: e.data });
}

interface Answer {
  status: number | null;
  excerpt: string;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const sandbox = env().sandboxEnabled;
  const u = new URL(url);
  const client = u.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      u,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(sandbox) as never,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < EXCERPT) text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? null, excerpt: text.slice(0, EXCERPT) }));
        res.on("error", () => resolve({ status: res.statusCode ?? null, excerpt: text.slice(0, EXCERPT) }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} seconds`)));
    req.on("error", (err) => {
      const what =
        err instanceof AddressNotAllowed
          ? "Not sent: the host resolves to a private address."
          : `No answer: ${(err as NodeJS.ErrnoException).code ?? err.message}`;
      resolve({ status: null, excerpt: what });
    });
    req.end(body);
  });
}

/**
 * One attempt of one delivery (the body of the `webhook-deliver` job): claims it (a delivery that succeeded is never
 * sent again), signs the event body with the endpoint's current secrets and POSTs it (no redirects followed), and
 * records the attempt with status, an excerpt of the answer and its duration. 2xx is success; anything else is
 * retried until `final`.
 */
export async function deliverWebhook(deliveryId: string, opts: { final: boolean }): Promise<WebhookOutcome> {
  const db = getDb();
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ status: "sending", attempts: sql`${webhookDeliveries.attempts} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        or(
          inArray(webhookDeliveries.status, ["queued", "retrying"]),
          and(
            eq(webhookDeliveries.status, "sending"),
            lt(webhookDeliveries.updatedAt, sql`now() - ${sql.raw(`interval '${STALE_SENDING}'`)}`),
          ),
        ),
      ),
    )
    .returning({
      attempts: webhookDeliveries.attempts,
      endpointId: webhookDeliveries.endpointId,
      eventId: webhookDeliveries.eventId,
    });
  if (!claimed) return { kind: "skipped", reason: "not claimable" };
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, claimed.endpointId));
  const [event] = await db.select().from(merchantEvents).where(eq(merchantEvents.id, claimed.eventId));
  const timestamp = Math.floor(Date.now() / 1000);
  if (!endpoint || !event)
    return record(deliveryId, claimed.attempts, timestamp, 0, { status: null, excerpt: "Endpoint removed." }, true);
  if (!endpoint.enabled) {
    return record(
      deliveryId,
      claimed.attempts,
      timestamp,
      0,
      { status: null, excerpt: "Not sent: the endpoint is disabled." },
      true,
    );
  }
  const problem = endpointUrlProblem(endpoint.url, env().sandboxEnabled);
  if (problem)
    return record(deliveryId, claimed.attempts, timestamp, 0, { status: null, excerpt: `Not sent: ${problem}` }, true);
  const body = eventBody(event);
  const started = process.hrtime.bigint();
  const answer = await post(endpoint.url, body, {
    "user-agent": "MerchantPortal-Webhooks/1.0",
    [EVENT_ID_HEADER]: event.id,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signatureHeader(signingSecrets(endpoint), timestamp, body),
  });
  const duration = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  if (!ok)
    log().warn({ deliveryId, attempt: claimed.attempts, status: answer.status }, "webhook delivery attempt failed");
  return record(deliveryId, claimed.attempts, timestamp, duration, answer, ok ? "ok" : opts.final);
}

async function record(
  deliveryId: string,
  attempt: number,
  timestamp: number,
  durationMs: number,
  answer: Answer,
  end: boolean | "ok",
): Promise<WebhookOutcome> {
  const status = end === "ok" ? "succeeded" : end ? "failed" : "retrying";
  await getDb().transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status,
        lastStatusCode: answer.status,
        updatedAt: new Date(),
        ...(end === "ok" ? { deliveredAt: new Date() } : {}),
      })
      .where(eq(webhookDeliveries.id, deliveryId));
    await tx.insert(webhookAttempts).values({
      deliveryId,
      attempt,
      timestamp,
      statusCode: answer.status,
      responseExcerpt: answer.excerpt,
      durationMs,
    });
  });
  const response = `${answer.status ?? "no answer"} ${answer.excerpt}`.trim();
  if (end === "ok") return { kind: "succeeded", status: answer.status! };
  return end ? { kind: "failed", response } : { kind: "retry", response };
}
