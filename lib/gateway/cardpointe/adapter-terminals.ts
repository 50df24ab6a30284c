import { centsToMinorUnitString } from "@/lib/money";
import { InvalidRequest, Unsupported } from "../errors";
import type { Terminal, TerminalRun, TerminalRunInput, TerminalsApi, Transaction } from "../types";
import { txnSchema } from "./schemas";
import { CARD_PRESENT_TIMEOUT_MS, TerminalApiError, type TerminalClient, TerminalInUse } from "./terminal-client";
import { terminalDetailsSchema } from "./schemas";
import { toTransaction } from "./transform";
import { orderIdFor } from "./adapter-transactions";

/**
 * Card-present sales on the Integrated Terminal API. `authCard` blocks until the person at the device is done,
 * and the auth it runs is an ordinary gateway transaction with our orderid — so progress is modelled on the
 * gateway, statelessly: `run` connects, starts authCard and waits briefly; if the device is still busy it answers
 * "waiting" with the orderid as run id, and `poll` asks `inquireByOrderid` until the transaction exists.
 * A terminal-side failure (timeout, cancel) leaves no gateway record: `poll` keeps answering "waiting"; the UI's
 * own time limit ends it.
 */

export interface TerminalDeps {
  terminal: TerminalClient;
  /** The transactions adapter's order lookup (records of this MID only). */
  byOrderId(orderid: string): Promise<Transaction[]>;
  get(retref: string): Promise<Transaction>;
  /** How long `run` waits for the device before answering "waiting". */
  quickWaitMs?: number;
  /** Background completions (tests wait on them); errors are already handled. */
  onSettled?: (p: Promise<unknown>) => void;
}

function runOf(t: Transaction): TerminalRun {
  if (t.approved) return { transactionId: t.id, state: "approved", transaction: t, message: t.responseText };
  return {
    transactionId: t.id,
    state: t.responseCode >= 400 ? "error" : "declined",
    transaction: t,
    message: t.responseText,
  };
}

function failureRun(runId: string, err: unknown): TerminalRun {
  if (err instanceof TerminalApiError) {
    const message =
      err.errorCode === 8
        ? "Cancelled at the terminal"
        : err.errorCode === 7
          ? "The terminal is busy with another transaction"
          : /timed out/i.test(err.errorMessage)
            ? "The terminal timed out waiting for the card"
            : "The terminal reported an error";
    return { transactionId: runId, state: "error", transaction: null, message };
  }
  throw err;
}

export interface CardPointeTerminalsApi extends TerminalsApi {
  ping(hsn: string): Promise<boolean>;
  /**
   * `cancel` (services.md §3.2): ends the prompt showing on the device. It needs the session of the sale in
   * progress, which this process holds while it waits for the card; false when it holds none (nothing to cancel
   * from here).
   */
  cancel(hsn: string): Promise<boolean>;
  /** `readSignature` (services.md §3.2): the customer signs on the device; the gateway's base64 image. */
  readSignature(hsn: string, opts?: { force?: boolean }): Promise<string>;
}

export { TerminalInUse };

export function terminalsApi(deps: TerminalDeps): CardPointeTerminalsApi {
  const { terminal } = deps;
  const quickWaitMs = deps.quickWaitMs ?? 1_000;

  /** The documented `tip` prompt (CardPointeIntegratedTerminalAPI.yaml `tipRequest`/`tipSuccess`): cents in, cents out. */
  async function tipPrompt(hsn: string, amount: number, session: string): Promise<number> {
    const { body } = await terminal.call(
      "tip",
      {
        hsn,
        amount: centsToMinorUnitString(amount),
        prompt: "Add a tip?",
        includeAmountDisplay: true,
        includeCustomTipAmount: true,
        tipPercentPresets: [15, 18, 20],
      },
      { session, timeoutMs: CARD_PRESENT_TIMEOUT_MS },
    );
    const tip = Number(body.tip ?? 0);
    return Number.isSafeInteger(tip) && tip > 0 ? tip : 0;
  }

  async function authCard(input: TerminalRunInput, orderid: string, session: string): Promise<Transaction> {
    try {
      const tip = input.tipPrompt ? await tipPrompt(input.terminalId, input.amount, session) : 0;
      const { body } = await terminal.call(
        "authCard",
        {
          hsn: input.terminalId,
          amount: centsToMinorUnitString(input.amount + tip),
          capture: input.type === "sale",
          orderId: orderid,
          includeSignature: input.signatureRequired ?? false,
          // The tip rides in the documented userFields, so every later inquire still says what part was the tip.
          userFields: { idempotencykey: input.idempotencyKey, ...(tip > 0 ? { tip: String(tip) } : {}) },
          ...(input.printReceipt && input.printReceipt !== "no" ? { printReceipt: true } : {}),
        },
        { session, timeoutMs: CARD_PRESENT_TIMEOUT_MS },
      );
      const w = txnSchema.parse(body);
      const t = toTransaction(w, {
        type: input.type,
        idempotencyKey: input.idempotencyKey,
        source: "terminal",
        now: new Date(),
      });
      // The auth answer does not echo userFields; later inquires do (transform reads the tip there).
      return t.approved && tip > 0 ? { ...t, tipAmount: tip } : t;
    } finally {
      await terminal.disconnect(input.terminalId, session);
    }
  }

  /** Run one short device command in its own session (never forcing another POS off unless asked). */
  async function withSession<T>(hsn: string, force: boolean, fn: (session: string) => Promise<T>): Promise<T> {
    const session = await terminal.connect(hsn, { force });
    try {
      return await fn(session);
    } finally {
      await terminal.disconnect(hsn, session);
    }
  }

  return {
    async list(): Promise<Terminal[]> {
      const { body } = await terminal.call("terminalDetails", {});
      const details = terminalDetailsSchema.parse(body).terminalDetails;
      return details.map((d) => ({
        id: d.hsn,
        manufacturer: null,
        model: d.deviceType ?? null,
        serialNumber: d.hsn,
        tpn: d.hsn,
        description: d.name || null,
        // "active" like the other family, so the shared screens offer connected devices.
        status: d.connected === false ? "offline" : "active",
        registerId: null,
        autoSettle: false,
        settleAt: null,
        createdAt: null,
        updatedAt: null,
      }));
    },

    async run(input) {
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
        throw new InvalidRequest("amount", [{ field: "amount", message: "Enter an amount above zero" }]);
      }
      const orderid = input.orderId ?? orderIdFor(input.idempotencyKey);
      // Same intent again (double click, retry): the first run's result, not a second charge.
      const earlier = (await deps.byOrderId(orderid)).find((t) => t.idempotencyKey === input.idempotencyKey);
      if (earlier) return runOf(earlier);
      // Connect first, in the request: a terminal another POS is using answers at once (TerminalInUse), before
      // anything is shown on the device.
      const session = await terminal.connect(input.terminalId, { force: input.force === true });
      const pending = authCard(input, orderid, session).then(runOf, (err) => failureRun(orderid, err));
      const timer = new Promise<null>((resolve) => setTimeout(() => resolve(null), quickWaitMs));
      const first = await Promise.race([pending, timer]);
      if (first) return first;
      // Still at the device: keep the request open in the background and let the UI poll the gateway.
      const background = pending.catch(() => undefined);
      deps.onSettled?.(background);
      return { transactionId: orderid, state: "waiting", transaction: null, message: "Waiting for the card" };
    },

    async poll(runId) {
      if (/^\d{12}$/.test(runId)) return runOf(await deps.get(runId));
      const found = await deps.byOrderId(runId);
      const t = found.filter((x) => x.type !== "refund").at(-1);
      if (t) return runOf(t);
      return { transactionId: runId, state: "waiting", transaction: null, message: "Waiting for the card" };
    },

    async settle() {
      // CardPointe closes one batch per MID; there is no per-terminal settlement.
      throw new Unsupported("cardpointe", "terminalSettle");
    },

    async cancel(hsn: string) {
      const session = terminal.heldSession(hsn);
      if (!session) return false;
      await terminal.call("cancel", { hsn }, { session, timeoutMs: 20_000 });
      return true;
    },

    async readSignature(hsn: string, opts: { force?: boolean } = {}) {
      return withSession(hsn, opts.force === true, async (session) => {
        const { body } = await terminal.call(
          "readSignature",
          { hsn, prompt: "Please sign", signatureFormat: "bmp", gzipSignature: true },
          { session, timeoutMs: CARD_PRESENT_TIMEOUT_MS },
        );
        const sig = typeof body.signature === "string" ? body.signature : "";
        if (!sig) throw new TerminalApiError(500, 700, "The terminal returned no signature");
        return sig;
      });
    },

    /** Is the device reachable? v1 `ping` needs no session, so it never disturbs a sale in progress. */
    async ping(hsn: string) {
      try {
        const { body } = await terminal.call("ping", { hsn }, { version: "v1", timeoutMs: 10_000 });
        return body.connected === true;
      } catch {
        return false;
      }
    },
  };
}
