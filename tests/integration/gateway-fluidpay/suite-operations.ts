import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect } from "vitest";
import { InvalidRequest, NotFound } from "@/lib/gateway/errors";
import { parseFluidPayWebhook, verifyFluidPaySignature } from "@/lib/gateway/fluidpay/webhooks";
import type { TerminalRun } from "@/lib/gateway/types";
import { CARD, eventually, futureExpiry, orderId, connect, type Target } from "./targets";

export function operationsSuite(target: Target): void {
  describe(`FluidPay adapter · terminals, settlement, file batch, fees, tokenizer · ${target.name}`, () => {
    // The test TPNs (…1 approve, …2 decline, …4 tip) and forced batch closes exist only in the sandbox.
    const { ctx, live, sandboxOnly } = connect(target);

    const terminalByTpn = async (suffix: string) => {
      const t = (await ctx.adapter.terminals.list()).find((x) => x.tpn?.endsWith(suffix));
      if (!t) throw new Error(`no terminal with TPN …${suffix}`);
      return t;
    };

    const runUntilDone = async (
      terminalId: string,
      amount: number,
    ): Promise<{ first: TerminalRun; last: TerminalRun }> => {
      const first = await ctx.adapter.terminals.run({ terminalId, type: "sale", amount, idempotencyKey: randomUUID() });
      const last = await eventually(
        () => ctx.adapter.terminals.poll(first.transactionId!),
        (r) => r.state !== "waiting" && r.state !== "processing",
        15_000,
      );
      return { first, last };
    };

    live("lists terminals without their device auth keys", async () => {
      const list = await ctx.adapter.terminals.list();
      expect(list.length).toBeGreaterThan(0);
      for (const t of list) {
        expect(t.id).toBeTruthy();
        expect(Object.keys(t)).not.toContain("authKey");
      }
    });

    sandboxOnly("a terminal sale shows progress, then ends approved on …1 and declined on …2", async () => {
      const ok = await runUntilDone((await terminalByTpn("1")).id, 1500);
      expect(["waiting", "processing"]).toContain(ok.first.state);
      expect(ok.last.state).toBe("approved");
      expect(ok.last.transaction?.paymentMethod.kind).toBe("terminal");
      const no = await runUntilDone((await terminalByTpn("2")).id, 1500);
      expect(no.last.state).toBe("declined");
      expect(no.last.message).toBeTruthy();
      const broken = await runUntilDone((await terminalByTpn("3")).id, 1500);
      expect(broken.last.state).toBe("error");
    });

    sandboxOnly("a tip on …4 raises the amount; settling one terminal closes its transactions", async () => {
      const terminal = await terminalByTpn("4");
      const { last } = await runUntilDone(terminal.id, 2000);
      expect(last.state).toBe("approved");
      expect(last.transaction!.tipAmount).toBeGreaterThan(0);
      expect(last.transaction!.amount).toBe(2000 + last.transaction!.tipAmount);
      await ctx.adapter.terminals.settle(terminal.id);
      const after = await ctx.adapter.transactions.get(last.transactionId!);
      expect(after.status).toBe("settled");
    });

    sandboxOnly("settlement batch search returns the closed batch and a daily summary", async () => {
      const sale = await ctx.adapter.transactions.create({
        type: "sale",
        amount: 10_000,
        idempotencyKey: randomUUID(),
        orderId: orderId("BATCH"),
        source: { kind: "card", number: CARD.approve, expiration: futureExpiry() },
      });
      await ctx.control!.settle();
      const settled = await ctx.adapter.transactions.get(sale.id);
      const result = await ctx.adapter.settlement.searchBatches({
        from: new Date(Date.parse(settled.settledAt!) - 86_400_000).toISOString(),
        to: new Date(Date.parse(settled.settledAt!) + 86_400_000).toISOString(),
      });
      const batch = result.items.find((b) => b.id === settled.batchId);
      expect(batch).toBeDefined();
      expect(batch!.capturedAmount).toBeGreaterThanOrEqual(10_000);
      expect(batch!.transactionCount).toBeGreaterThanOrEqual(1);
      expect(batch!.netDeposit).toBe(batch!.capturedAmount - batch!.creditAmount);
      expect(result.summary.length).toBeGreaterThan(0);
      const byId = await ctx.adapter.settlement.searchBatches({ batchId: batch!.id });
      expect(byId.items.map((b) => b.id)).toEqual([batch!.id]);
    });

    live("file batch: upload the seed's CSV, poll pending → completed, download per-row results", async () => {
      const order = orderId("FB");
      const csv =
        [
          `"transaction_type","cc_number","cc_expiration","amount","order_id"`,
          `"sale","${CARD.approve}","${futureExpiry()}","1000","${order}"`,
          `"sale","${CARD.insufficientFunds}","${futureExpiry()}","1100","${order}"`,
          `"sale","not-a-card","${futureExpiry()}","1200","${order}"`,
        ].join("\n") + "\n";
      const uploaded = await ctx.adapter.fileBatches.upload(csv, "batch.csv");
      expect(uploaded.status).toBe("pending");
      const done = await eventually(
        () => ctx.adapter.fileBatches.get(uploaded.id),
        (b) => b.status === "completed",
        20_000,
      );
      expect(done).toMatchObject({ lineCount: 3, processedLines: 3 });
      const result = await ctx.adapter.fileBatches.download(uploaded.id);
      const lines = result.trim().split("\n");
      expect(lines).toHaveLength(4);
      expect(result).not.toContain(CARD.approve);
      expect(await ctx.adapter.fileBatches.get("nosuchbatch000000000").catch((e) => e)).toBeInstanceOf(NotFound);
    });

    live("fees: surcharge only for a surchargeable credit BIN; amount calculation with a display block", async () => {
      const credit = await ctx.adapter.fees.lookup({
        baseAmount: 1000,
        bin: CARD.surchargeable.slice(0, 8),
        state: "IL",
      });
      expect(credit.surcharge).toBeGreaterThan(0);
      expect(credit.totalAmount).toBe(1000 + credit.surcharge + credit.serviceFee);
      const debit = await ctx.adapter.fees.lookup({ baseAmount: 1000, bin: CARD.approve.slice(0, 8), state: "IL" });
      expect(debit.surcharge).toBe(0);
      const quote = await ctx.adapter.fees.calculate({
        amount: 1000,
        paymentMethod: "card",
        transactionType: "sale",
        bin: CARD.surchargeable.slice(0, 6),
        state: "IL",
        country: "US",
      });
      expect(quote.subtotal).toBe(1000);
      expect(quote.total).toBeGreaterThanOrEqual(1000);
      expect(quote.lines.find((l) => l.key === "total")?.amount).toBe(quote.total);
      const bad = await ctx.adapter.fees.lookup({ baseAmount: 1000, bin: "12" }).catch((e) => e);
      expect(bad).toBeInstanceOf(InvalidRequest);
    });

    sandboxOnly("webhook deliveries verify with the portal's verifier and parse into domain transactions", async () => {
      const received: Array<{ raw: string; headers: Headers }> = [];
      const receiver = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
          received.push({ raw: Buffer.concat(chunks).toString("utf8"), headers });
          res.writeHead(200).end("ok");
        });
      });
      await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
      try {
        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
        const secret = `whsec-${randomUUID()}`;
        const res = await fetch(`${ctx.baseUrl.replace(/\/api$/, "")}/_control/webhook`, {
          method: "POST",
          headers: { Authorization: ctx.apiKey, "Content-Type": "application/json" },
          body: JSON.stringify({ url, secret }),
        });
        expect(res.status).toBe(200);
        const t = await ctx.adapter.transactions.create({
          type: "sale",
          amount: 4321,
          idempotencyKey: randomUUID(),
          source: { kind: "card", number: CARD.approve, expiration: futureExpiry() },
        });
        const delivery = await eventually(
          async () => received.find((d) => d.raw.includes(t.id)),
          (d) => d !== undefined,
          15_000,
        );
        expect(verifyFluidPaySignature(delivery!.raw, delivery!.headers, secret)).toBe(true);
        expect(verifyFluidPaySignature(delivery!.raw, delivery!.headers, "wrong-secret")).toBe(false);
        const event = parseFluidPayWebhook(delivery!.raw);
        expect(event.eventId).toBeTruthy();
        expect(event.actionAt).toBeInstanceOf(Date);
        expect(event.transaction).toMatchObject({ id: t.id, amount: 4321, approved: true });
        expect(delivery!.raw).not.toContain(CARD.approve);
      } finally {
        receiver.closeAllConnections();
        await new Promise<void>((r) => receiver.close(() => r()));
      }
    });

    sandboxOnly("tokenizer config points the browser at this gateway's script, with the public key only", async () => {
      const cfg = ctx.adapter.tokenizerConfig();
      expect(cfg.publicKey).toBe(ctx.publicKey);
      expect(cfg.scriptUrl).toBe(`${ctx.baseUrl.replace(/\/api$/, "")}/tokenizer/tokenizer.js`);
      expect(JSON.stringify(cfg)).not.toContain(ctx.apiKey);
      const script = await fetch(cfg.scriptUrl);
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/javascript/);
      const iframe = await fetch(`${cfg.url}/tokenizer/${cfg.publicKey}`);
      expect(iframe.status).toBe(200);
    });
  });
}
