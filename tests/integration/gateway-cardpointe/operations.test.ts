import { describe, expect } from "vitest";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { elasticPathReferences } from "@/lib/gateway/cardpointe/transform-vault";
import { InvalidRequest, NotFound, Unsupported } from "@/lib/gateway/errors";
import { key } from "./helpers";
import { cardpointeTargets, connect, type CardPointeTarget } from "./targets";
import { caught } from "@/tests/helpers/caught";

// One suite, run against every target: the emulator always, CardPointe UAT when configured (else skipped, counted).
for (const target of cardpointeTargets({ site: "cpops", terminal_delay_ms: 50 })) operationsSuite(target);

function operationsSuite(target: CardPointeTarget): void {
  const { ctx, control, live, sandboxOnly } = connect(target);

  describe(`CardPointe adapter: vault on profiles · ${target.name}`, () => {
    live("creates a profile from a token, adds and deletes accounts, charges it, deletes it", async () => {
      const gw = ctx.gw;
      const visa = await ctx.token("4788250000121443");
      const c = await gw.vault.createCustomer({
        paymentMethod: { kind: "token", token: visa },
        billingAddress: {
          firstName: "Grace",
          lastName: "Hopper",
          line1: "1 Navy Way",
          city: "Arlington",
          postalCode: "22201",
        },
      });
      expect(c.id).toMatch(/^\d{20}$/);
      expect(c.description).toBe("Grace Hopper");
      expect(c.paymentMethods).toEqual([
        expect.objectContaining({ kind: "card", brand: "visa", lastFour: "1443", isDefault: true }),
      ]);
      expect(c.addresses[0]).toMatchObject({
        firstName: "Grace",
        lastName: "Hopper",
        line1: "1 Navy Way",
        postalCode: "22201",
      });

      const mc = await ctx.token("5454545454545454");
      const added = await gw.vault.addPaymentMethod(c.id, { kind: "token", token: mc });
      expect(added.customer.paymentMethods).toHaveLength(2);
      expect(added.customer.paymentMethods.find((p) => p.id === added.paymentMethodId)).toMatchObject({
        lastFour: "5454",
      });
      expect(elasticPathReferences(added.customer).map((r) => r.reference)).toEqual(
        added.customer.paymentMethods.map((p) => `${p.id}|${c.id}`),
      );

      const sale = await gw.transactions.create({
        type: "sale",
        amount: 4250,
        source: { kind: "customer", customerId: c.id, paymentMethodId: added.paymentMethodId },
        idempotencyKey: key(),
      });
      expect(sale).toMatchObject({ approved: true, customerId: c.id, customerPaymentMethodId: added.paymentMethodId });
      const byDefault = await gw.transactions.create({
        type: "sale",
        amount: 100,
        source: { kind: "customer", customerId: c.id },
        idempotencyKey: key(),
      });
      expect(byDefault.customerPaymentMethodId).toBe(c.defaults.paymentMethodId);

      const after = await gw.vault.deletePaymentMethod(c.id, "card", added.paymentMethodId);
      expect(after.paymentMethods.map((p) => p.id)).toEqual([c.defaults.paymentMethodId]);
      await gw.vault.deleteCustomer(c.id);
      expect(await caught(gw.vault.getCustomer(c.id))).toBeInstanceOf(NotFound);
    });

    live("saves the card to the vault from an approved sale (profile: Y)", async () => {
      const gw = ctx.gw;
      const token = await ctx.token("4111111111111111");
      const sale = await gw.transactions.create({
        type: "sale",
        amount: 1500,
        saveToVault: true,
        source: { kind: "token", token },
        idempotencyKey: key(),
      });
      expect(sale.customerId).toMatch(/^\d{20}$/);
      const c = await gw.vault.getCustomer(sale.customerId!);
      expect(c.paymentMethods[0]).toMatchObject({ id: sale.customerPaymentMethodId, lastFour: "1111" });
    });

    live("says what profiles cannot do", async () => {
      const gw = ctx.gw;
      expect(await caught(gw.vault.searchCustomers({}))).toBeInstanceOf(Unsupported);
      expect(await caught(gw.vault.createCustomer({ description: "No card" }))).toBeInstanceOf(InvalidRequest);
      expect(await caught(gw.vault.getCustomer("12345678901234567890"))).toBeInstanceOf(NotFound);
      expect(await caught(gw.recurring.plans.list())).toBeInstanceOf(Unsupported);
      expect(await caught(gw.invoices.search())).toBeInstanceOf(Unsupported);
      expect(await caught(gw.fileBatches.get("x"))).toBeInstanceOf(Unsupported);
    });
  });

  describe(`CardPointe adapter: Integrated Terminal · ${target.name}`, () => {
    sandboxOnly("lists the merchant's terminals and pings them without a session", async () => {
      const gw = ctx.gw;
      const m = control().merchant;
      const list = await gw.terminals.list();
      expect(list.map((t) => t.id).sort()).toEqual(m.hsns.map((h) => h.hsn).sort());
      expect(list.find((t) => t.id === m.hsn)).toMatchObject({
        tpn: m.hsn,
        status: "active",
        model: m.hsns[0]!.device_type,
      });
      if (!isCardPointeAdapter(gw)) throw new Error("not a CardPointe adapter");
      expect(await gw.pingTerminal(m.hsn)).toBe(true);
    });

    sandboxOnly("runs a sale on the approving HSN and a decline on the declining HSN", async () => {
      const gw = ctx.gw;
      const m = control().merchant;
      const ok = await gw.terminals.run({ terminalId: m.hsn, type: "sale", amount: 1234, idempotencyKey: key() });
      expect(ok.state).toBe("approved");
      expect(ok.transaction).toMatchObject({ amount: 1234, status: "pending_settlement", source: "terminal" });
      expect(ok.transaction!.paymentMethod).toMatchObject({ kind: "terminal", brand: "visa", lastFour: "1443" });
      expect((await gw.terminals.poll(ok.transactionId!)).state).toBe("approved");

      const declineHsn = m.hsns.find((h) => h.behavior === "decline")!.hsn;
      const no = await gw.terminals.run({ terminalId: declineHsn, type: "sale", amount: 1234, idempotencyKey: key() });
      expect(no.state).toBe("declined");
      expect(no.message).toBe("Do not honor");

      const timeoutHsn = m.hsns.find((h) => h.behavior === "timeout")!.hsn;
      const late = await gw.terminals.run({ terminalId: timeoutHsn, type: "sale", amount: 100, idempotencyKey: key() });
      expect(late).toMatchObject({ state: "error", message: "The terminal timed out waiting for the card" });
      expect(await caught(gw.terminals.settle(m.hsn))).toBeInstanceOf(Unsupported);
    });

    sandboxOnly(
      "answers 'waiting' while the person is at the device, then the poll finds the approval; a repeat runs once",
      async () => {
        const slow = await control().otherMerchant({ site: "cpops", terminal_delay_ms: 1200 });
        const background: Promise<unknown>[] = [];
        const gw = control().rawAdapterFor(slow, { terminalQuickWaitMs: 100, onBackground: (p) => background.push(p) });
        const k = key();
        const run = await gw.terminals.run({
          terminalId: slow.hsn,
          type: "authorize",
          amount: 5000,
          idempotencyKey: k,
        });
        expect(run).toMatchObject({ state: "waiting", transaction: null });
        expect((await gw.terminals.poll(run.transactionId!)).state).toBe("waiting");
        await Promise.all(background);
        const done = await gw.terminals.poll(run.transactionId!);
        expect(done.state).toBe("approved");
        expect(done.transaction).toMatchObject({ status: "authorized", amount: 5000, idempotencyKey: k });
        const again = await gw.terminals.run({
          terminalId: slow.hsn,
          type: "authorize",
          amount: 5000,
          idempotencyKey: k,
        });
        expect(again.transactionId).toBe(done.transactionId);
        // The run id (the orderid while waiting) names the transaction for the follow-ups, e.g. cancel = void.
        expect(await gw.transactions.void(run.transactionId!)).toMatchObject({
          id: done.transactionId,
          status: "voided",
        });
      },
    );
  });

  describe(`CardPointe adapter: settlement, funding and search · ${target.name}`, () => {
    sandboxOnly(
      "finds settled batches, deposits with fees and adjustments linked to them, and the batch's transactions",
      async () => {
        const mm = await control().otherMerchant({ site: "cpfund" });
        const gw = control().adapterFor(mm);
        if (!isCardPointeAdapter(gw)) throw new Error("not a CardPointe adapter");
        const token = await control().tokenFor(mm, "4111111111111111");
        const from = new Date(Date.now() - 60_000).toISOString();
        const a = await gw.transactions.create({
          type: "sale",
          amount: 10000,
          orderId: "FUND-1",
          source: { kind: "token", token },
          idempotencyKey: key(),
        });
        const b = await gw.transactions.create({
          type: "sale",
          amount: 5000,
          source: { kind: "token", token },
          idempotencyKey: key(),
        });
        expect((await gw.settlement.searchBatches({ from })).items).toEqual([]);
        const closed = await (await control().sb.control("settle", { merchid: mm.merchid })).json();

        const batches = await gw.settlement.searchBatches({ from });
        expect(batches.items).toHaveLength(1);
        expect(batches.items[0]).toMatchObject({
          id: closed.closed[0].batchid,
          transactionCount: 2,
          capturedAmount: 15000,
          creditAmount: 0,
          netDeposit: 15000,
          responseMessage: "Accepted",
        });
        expect(batches.summary[0]).toMatchObject({ transactionCount: 2, capturedAmount: 15000 });
        // Reading settlestat by day never consumes the batch: a second read sees it again.
        expect((await gw.settlement.searchBatches({ from })).items).toHaveLength(1);
        expect((await gw.settlement.searchBatches({ batchId: a.batchId! })).items[0]!.id).toBe(a.batchId);

        const page = await gw.transactions.search({ createdFrom: from });
        expect(page.totalCount).toBe(2);
        expect(page.items.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
        expect(page.items.every((t) => t.status === "settled")).toBe(true);
        const one = await gw.transactions.search({ createdFrom: from, limit: 1, offset: 1 });
        expect(one).toMatchObject({ totalCount: 2, limit: 1, offset: 1 });
        expect(one.items).toHaveLength(1);
        expect((await gw.transactions.search({ orderId: "FUND-1" })).items.map((t) => t.id)).toEqual([a.id]);
        expect(
          (await gw.transactions.search({ createdFrom: from, amount: { op: ">", value: 6000 } })).items.map(
            (t) => t.id,
          ),
        ).toEqual([a.id]);

        const fundingDate = closed.funding_date as string;
        expect(await gw.funding({ date: fundingDate })).toEqual([]);
        await control().sb.control("clock", { merchid: mm.merchid, advance_seconds: 86_400 });
        const deposits = await gw.funding({ date: fundingDate });
        expect(deposits).toHaveLength(1);
        const d = deposits[0]!;
        expect(d).toMatchObject({
          fundingDate,
          netSales: 15000,
          interchangeFees: 290,
          serviceCharges: 38,
          adjustmentsTotal: -195,
          totalFunding: 14477,
          batchIds: [a.batchId],
        });
        expect(d.lines.map((l) => l.transactionId).sort()).toEqual([a.id, b.id].sort());
        expect(d.lines.find((l) => l.transactionId === a.id)).toMatchObject({
          type: "sale",
          amount: 10000,
          orderId: "FUND-1",
        });
        expect(d.lines[0]!.maskedNumber).toMatch(/^\d{6}\*{6}\d{4}$/);
        expect(d.adjustments).toEqual([expect.objectContaining({ category: "FEE", amount: -195 })]);
        // By date it is always there (the merchid-only form would hand it out once).
        expect(await gw.funding({ from: fundingDate, to: fundingDate })).toHaveLength(1);
      },
    );
  });
}
