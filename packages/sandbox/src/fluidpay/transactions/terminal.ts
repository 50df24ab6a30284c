import { randomInt } from "node:crypto";
import { q, withTx } from "../core/schema";
import { WEBHOOK_EVENTS, emitWebhook } from "../core/webhooks";
import { loadTxn, updateTxn, type TxnData } from "./store";
import { terminalBehaviour } from "./test-cards";

/**
 * Terminal transactions start `pending` (the customer is at the device) and resolve after 2–4 s of
 * real time per the terminal's TPN, so a UI can show progress by polling. Resolution happens on a
 * timer and, should the timer be lost, lazily on the next read.
 */
export function scheduleTerminalResolution(accountId: string, txnId: string, at: number): void {
  const t = setTimeout(
    () => {
      resolveTerminalTxn(accountId, txnId).catch(() => undefined);
    },
    Math.max(0, at - Date.now()),
  );
  t.unref();
}

const CARDS = [
  { first_six: "411111", last_four: "1111", card_type: "visa", name: "VISA TEST CARD" },
  { first_six: "555555", last_four: "4444", card_type: "mastercard", name: "MC TEST CARD" },
];

export async function resolveTerminalTxn(accountId: string, txnId: string): Promise<void> {
  const updated = await withTx(async (c) => {
    const row = await loadTxn(c, accountId, txnId, true);
    if (!row || row.data.status !== "pending") return undefined;
    if ((row.internal.terminalResolveAt ?? 0) > Date.now()) return undefined;
    const { outcome, tipFraction } = terminalBehaviour(row.internal.tpn ?? "");
    const d = row.data;
    const approved = outcome.response === "approved";
    const tip = approved && tipFraction ? Math.round(d.amount * tipFraction) : 0;
    const card = CARDS[randomInt(CARDS.length)] as (typeof CARDS)[number];
    const nowIso = new Date(new Date(d.created_at as string).getTime() + 3000).toISOString();
    const amount = d.amount + tip;
    const next: TxnData = {
      ...d,
      amount,
      tip_amount: (d.tip_amount as number) + tip,
      status: !approved
        ? "declined"
        : d.type === "authorize" || d.type === "verification"
          ? "authorized"
          : "pending_settlement",
      response: outcome.response,
      response_code: outcome.responseCode,
      amount_authorized: approved && d.type !== "credit" ? amount : 0,
      amount_captured: approved && (d.type === "sale" || d.type === "credit") ? amount : 0,
      captured_at: approved && d.type === "sale" ? nowIso : null,
      updated_at: nowIso,
    };
    const body = (d.response_body as { terminal?: Record<string, unknown> }).terminal ?? {};
    next.response_body = {
      terminal: {
        ...body,
        status: outcome.response,
        response: outcome.response,
        response_code: outcome.responseCode,
        auth_code: approved ? String(randomInt(100000, 999999)) : "",
        processor_response_code: outcome.processorCode,
        processor_response_text: outcome.processorText,
        entry_type: approved ? "chip" : "",
        cardholder_name: approved ? card.name : "",
        card_type: approved ? card.card_type : "",
        first_six: approved ? card.first_six : "",
        last_four: approved ? card.last_four : "",
        masked_card: approved ? `${card.first_six}******${card.last_four}` : "",
        emv_aid: approved ? "A0000000031010" : "",
        emv_tvr: approved ? "0000008000" : "",
        signature_data: "",
        tip_amount: tip,
        updated_at: nowIso,
      },
    };
    await updateTxn(c, accountId, next);
    return next;
  });
  if (updated) await emitWebhook(accountId, WEBHOOK_EVENTS.transactionUpdate, updated).catch(() => undefined);
}

/** Resolves every due pending terminal transaction of the account (called before reads). */
export async function resolveDueTerminalTxns(accountId: string): Promise<void> {
  const r = await q<{ id: string }>(
    `select id from sandbox_gateway.transactions
     where account_id = $1 and status = 'pending' and terminal_id is not null
       and coalesce((internal->>'terminalResolveAt')::bigint, 0) <= $2`,
    [accountId, Date.now()],
  );
  for (const { id } of r.rows) await resolveTerminalTxn(accountId, id);
}
