import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { TerminalInUse } from "@/lib/gateway/cardpointe/terminal-client";
import { type DocumentedService, undocumentedCalls } from "@/lib/gateway/documented";
import { InvalidRequest } from "@/lib/gateway/errors";
import type { TerminalRun } from "@/lib/gateway/types";
import { signatureDataUrl } from "@/lib/signature-image";
import { caught } from "@/tests/helpers/caught";
import { key, rawAdapterFor, Sandbox, tokenFor, type TestMerchant } from "./helpers";

/**
 * Counter tools on the CardPointe adapter, against the emulator over real HTTP: tip adjust (capture above the
 * authorization, CardPointeGatewayAPI.yaml L239), the terminal's tip prompt, signatures (authCard includeSignature,
 * readSignature + sigcap), cancel, and connect without `force` unless asked. Every request the adapter sends is
 * recorded and must be a documented endpoint (lib/gateway/documented-endpoints.json).
 */

const sent = new Map<DocumentedService, Set<string>>();

/** The adapter's fetch, recording "METHOD /path" per service (the sandbox mount prefix removed). */
const recording: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  const path = url.pathname.replace(/^\/sandbox\/cardpointe\/[^/]+/, "");
  const service: DocumentedService = path.startsWith("/api/")
    ? "cardpointe-terminal"
    : path.startsWith("/cardsecure")
      ? "cardsecure"
      : "cardpointe-gateway";
  // services.md L19: the Gateway takes PUT or POST interchangeably for writes; the list records them as POST.
  const asDocumented = service === "cardpointe-gateway" && method === "PUT" ? "POST" : method;
  const set = sent.get(service) ?? new Set<string>();
  set.add(`${asDocumented} ${path}`);
  sent.set(service, set);
  return fetch(input, init);
};

let sb: Sandbox;
let m: TestMerchant;
let gw: CardPointeAdapter;

beforeAll(async () => {
  sb = await Sandbox.start();
  m = await sb.merchant({ site: "cpcounter", terminal_delay_ms: 50 });
  gw = rawAdapterFor(sb, m, { fetch: recording });
});
afterAll(async () => {
  await sb?.close();
});

async function authorization(amount: number) {
  const token = await tokenFor(sb, m, "4111111111111111");
  return gw.transactions.create({
    type: "authorize",
    amount,
    source: { kind: "token", token },
    idempotencyKey: key(),
  });
}

describe("CardPointe counter tools (emulator over HTTP)", () => {
  it("captures above the authorization (a tip) only once the MID is entitled", async () => {
    const auth = await authorization(2000);
    expect(auth).toMatchObject({ status: "authorized", authorizedAmount: 2000 });
    const refused = await caught(gw.transactions.capture(auth.id, { amount: 2300 }));
    expect(refused).toBeInstanceOf(InvalidRequest);
    expect((refused as Error).message).toMatch(/more than authorized/);
    expect((await gw.transactions.get(auth.id)).status).toBe("authorized");

    const r = await sb.control("entitlements", { merchid: m.merchid, tip_adjust: true });
    expect(r.status).toBe(200);
    const captured = await gw.transactions.capture(auth.id, { amount: 2300 });
    expect(captured).toMatchObject({ id: auth.id, status: "pending_settlement", amount: 2300, capturedAmount: 2300 });
    await sb.control("entitlements", { merchid: m.merchid, tip_adjust: false });
  });

  it("asks for a tip on the device before the card, charges amount + tip and keeps the tip on later reads", async () => {
    const run = await gw.terminals.run({
      terminalId: m.hsn,
      type: "sale",
      amount: 1000,
      tipPrompt: true,
      signatureRequired: true,
      idempotencyKey: key(),
    });
    expect(run.state).toBe("approved");
    // The emulated customer picks the first preset (15 %).
    expect(run.transaction).toMatchObject({ amount: 1150, tipAmount: 150, source: "terminal" });
    const again = await gw.transactions.get(run.transactionId!);
    expect(again).toMatchObject({ amount: 1150, tipAmount: 150 });
    const pm = again.paymentMethod;
    expect(pm.kind).toBe("terminal");
    expect(signatureDataUrl(pm.kind === "terminal" ? pm.signature : null)).toMatch(/^data:image\/bmp;base64,/);
  });

  it("reads a signature on the device and attaches it with sigcap", async () => {
    const run = await gw.terminals.run({ terminalId: m.hsn, type: "sale", amount: 725, idempotencyKey: key() });
    expect(run.state).toBe("approved");
    const before = (await gw.transactions.get(run.transactionId!)).paymentMethod;
    expect(before.kind === "terminal" ? before.signature : "none").toBeNull();

    const signature = await gw.terminals.readSignature(m.hsn);
    expect(signatureDataUrl(signature)).toMatch(/^data:image\/bmp;base64,/);
    await gw.sigcap(run.transactionId!, signature);
    const after = (await gw.transactions.get(run.transactionId!)).paymentMethod;
    expect(after.kind === "terminal" ? after.signature : null).toBe(signature);
  });

  it("does not take a terminal from another POS session unless forced", async () => {
    const other = await sb.connect(m, m.hsn, false);
    const refused = await caught(
      gw.terminals.run({ terminalId: m.hsn, type: "sale", amount: 500, idempotencyKey: key() }),
    );
    expect(refused).toBeInstanceOf(TerminalInUse);
    expect(await caught(gw.terminals.readSignature(m.hsn))).toBeInstanceOf(TerminalInUse);
    // The other register's session still works.
    expect(
      (await sb.terminal(m, "display", { hsn: m.hsn, text: "Hi" }, { session: other, version: "v2" })).status,
    ).toBe(200);

    const forced = await gw.terminals.run({
      terminalId: m.hsn,
      type: "sale",
      amount: 500,
      force: true,
      idempotencyKey: key(),
    });
    expect(forced.state).toBe("approved");
    // Forcing ended the other session.
    expect(
      (await sb.terminal(m, "display", { hsn: m.hsn, text: "Hi" }, { session: other, version: "v2" })).status,
    ).toBe(500);
  });

  it("cancels the prompt on the device with the sale's own session; nothing is charged", async () => {
    const slow = await sb.merchant({ site: "cpcounter", terminal_delay_ms: 5_000 });
    const background: Promise<unknown>[] = [];
    const slowGw = rawAdapterFor(sb, slow, {
      fetch: recording,
      terminalQuickWaitMs: 200,
      onBackground: (p) => background.push(p),
    });
    expect(await slowGw.terminals.cancel(slow.hsn)).toBe(false);
    const run = await slowGw.terminals.run({
      terminalId: slow.hsn,
      type: "sale",
      amount: 1999,
      idempotencyKey: key(),
    });
    expect(run.state).toBe("waiting");
    expect(await slowGw.terminals.cancel(slow.hsn)).toBe(true);
    const [ended] = (await Promise.all(background)) as (TerminalRun | undefined)[];
    expect(ended).toMatchObject({ state: "error", message: "Cancelled at the terminal" });
    expect((await slowGw.terminals.poll(run.transactionId!)).state).toBe("waiting");
    expect(await slowGw.inquireByOrderid(run.transactionId!)).toEqual([]);
    // The session was given back: the next sale connects without force.
    expect(await slowGw.terminals.cancel(slow.hsn)).toBe(false);
  });

  it("sent only documented endpoints", () => {
    expect(sent.get("cardpointe-terminal")?.size ?? 0).toBeGreaterThan(3);
    for (const [service, calls] of sent) expect(undocumentedCalls(service, calls), service).toEqual([]);
  });
});
