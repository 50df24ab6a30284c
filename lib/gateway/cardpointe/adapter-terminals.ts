import { centsToMinorUnitString } from "@/lib/money";
import { InvalidRequest, Unsupported } from "../errors";
import type { Terminal, TerminalRun, TerminalRunInput, TerminalsApi, Transaction } from "../types";
import { txnSchema } from "./schemas";
import { CARD_PRESENT_TIMEOUT_MS, TerminalApiError, type TerminalClient } from "./terminal-client";
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

export function terminalsApi(deps: TerminalDeps): TerminalsApi & { ping(hsn: string): Promise<boolean> } {
  const { terminal } = deps;
  const quickWaitMs = deps.quickWaitMs ?? 1_000;

  async function authCard(input: TerminalRunInput, orderid: string): Promise<Transaction> {
    const session = await terminal.connect(input.terminalId);
    try {
      const { body } = await terminal.call(
        "authCard",
        {
          hsn: input.terminalId,
          amount: centsToMinorUnitString(input.amount),
          capture: input.type === "sale",
          orderId: orderid,
          includeSignature: input.signatureRequired ?? false,
          userFields: { idempotencykey: input.idempotencyKey },
          ...(input.printReceipt && input.printReceipt !== "no" ? { printReceipt: true } : {}),
        },
        { session, timeoutMs: CARD_PRESENT_TIMEOUT_MS },
      );
      const w = txnSchema.parse(body);
      return toTransaction(w, {
        type: input.type,
        idempotencyKey: input.idempotencyKey,
        source: "terminal",
        now: new Date(),
      });
    } finally {
      await terminal.disconnect(input.terminalId, session);
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
      const pending = authCard(input, orderid).then(runOf, (err) => failureRun(orderid, err));
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
