import { withTx } from "../db";
import { injectTimeout } from "../faults";
import { authorize } from "../gateway/auth";
import type { HostPrefix } from "../host";
import { json, str } from "../http";
import { type Merchant, nowFor } from "../merchants";
import { formatAmount } from "../money";
import { stamp } from "../store";
import { tokenizeAccount } from "../vault";
import { cardFor, fakeSignature, interact, type TerminalRow, testExpiry } from "./device";
import { invalid, missing, TerminalError } from "./errors";
import { db } from "../db";

export interface CommandContext {
  m: Merchant;
  t: TerminalRow;
  body: Record<string, unknown>;
  version: string;
  host: HostPrefix;
}
type Command = (c: CommandContext) => Promise<Response>;

const empty = () => new Response(null, { status: 200 });
const bool = (body: Record<string, unknown>, key: string, dflt: boolean) => {
  const v = body[key];
  if (v === undefined || v === null) return dflt;
  return v === true || String(v).toLowerCase() === "true";
};

/** Terminal amounts: integer strings with two implied decimals ("100" = $1.00). */
function amountOf(body: Record<string, unknown>, required: boolean): number | undefined {
  const raw = str(body, "amount");
  if (raw === undefined || raw === "") {
    if (required) throw missing("amount");
    return undefined;
  }
  if (!/^\d{1,14}$/.test(raw)) throw invalid("Invalid amount");
  return Number(raw);
}

const CAPABILITIES: Record<string, Record<string, unknown>> = {
  "Clover Mini 2": { screenDimensionX: "1280", screenDimensionY: "800", printer: true },
  "iSC250 Touch": { screenDimensionX: "480", screenDimensionY: "272", printer: false },
  "Lane/3000": { screenDimensionX: "320", screenDimensionY: "480", printer: false },
};

async function terminalsOf(m: Merchant): Promise<TerminalRow[]> {
  const r = await (
    await db()
  ).query<TerminalRow>(`select * from sandbox_cardpointe.terminals where merchid = $1 order by hsn`, [m.merchid]);
  return r.rows;
}

async function readCardToken(c: CommandContext) {
  const card = cardFor(c.t, c.m.environment);
  const expiry = testExpiry(nowFor(c.m));
  const stored = await tokenizeAccount(c.m, card.pan, "card", { expiry });
  return { token: stored.token, expiry, name: card.name };
}

/** Sandbox MIDs are not enabled for PIN debit. */
function refusePinDebit(body: Record<string, unknown>) {
  if (str(body, "aid")?.toLowerCase() === "debit" || bool(body, "includePIN", false)) {
    throw new TerminalError(500, 400, "PIN debit is not supported for merchant");
  }
}

/** The top of a receipt the emulated terminal prints: the merchant's name, the demo store's address, the time. */
function receiptTop(c: CommandContext, at: Date) {
  return {
    header: "",
    dba: c.m.dba,
    address1: "1000 Continental Dr",
    address2: "King of Prussia, PA 19406",
    phone: "610-555-0100",
    dateTime: stamp(at),
  };
}

async function auth(c: CommandContext, entrymode: string): Promise<Response> {
  const amount = amountOf(c.body, true)!;
  refusePinDebit(c.body);
  const orderId = str(c.body, "orderId") ?? `${c.t.hsn}-${stamp(nowFor(c.m))}`;
  if (orderId.length > 50) throw invalid("orderId must be 50 characters or less");
  // services.md §3.2 (authCard row): `invoiceId` ≤ 12. Refused, not echoed or truncated.
  const invoiceId = str(c.body, "invoiceId");
  if (invoiceId !== undefined && invoiceId.length > 12) throw invalid("invoiceId must be 12 characters or less");
  const includeSignature = bool(c.body, "includeSignature", false);
  const read = await interact(c.m, c.t, () => readCardToken(c));
  const resp = (await withTx((q) =>
    authorize(
      q,
      c.m,
      {
        merchid: c.m.merchid,
        amount: String(amount),
        account: read.token,
        expiry: read.expiry,
        orderid: orderId,
        capture: bool(c.body, "capture", true) ? "Y" : "N",
        name: read.name,
        ...(bool(c.body, "createProfile", false) ? { profile: "Y" } : {}),
        ...(c.body.userFields && typeof c.body.userFields === "object" ? { userfields: c.body.userFields } : {}),
        ...(includeSignature ? { signature: fakeSignature() } : {}),
        ...(str(c.body, "authCode") ? { authcode: str(c.body, "authCode") } : {}),
      },
      { entrymode, timeout: injectTimeout(c.m) },
    ),
  )) as Record<string, unknown>;
  const now = nowFor(c.m);
  return json({
    ...resp,
    token: read.token,
    expiry: read.expiry,
    ...(entrymode === "Keyed" ? {} : { name: read.name }),
    ...(includeSignature ? { signature: fakeSignature() } : {}),
    orderId,
    tokenExpired: false,
    bintype: "",
    entrymode,
    ...(entrymode === "Keyed"
      ? {}
      : { emvTagData: JSON.stringify({ TVR: "0280008000", ARC: "00", "Entry method": "Chip Read", Network: "VISA" }) }),
    receiptData: {
      ...receiptTop(c, now),
      nameOnCard: entrymode === "Keyed" ? "" : read.name,
      orderNote: "",
      items: "",
      footer: "",
    },
  });
}

export const COMMANDS: Record<string, Command> = {
  listterminals: async ({ m }) => {
    const ts = await terminalsOf(m);
    if (ts.length === 0) throw new TerminalError(500, 100, "No terminals found for merchant");
    return json({ terminals: ts.map((t) => t.hsn) });
  },
  terminaldetails: async ({ m }) =>
    json({
      terminalDetails: (await terminalsOf(m)).map((t) => ({
        hsn: t.hsn,
        name: "",
        merchantId: m.merchid,
        connected: true,
        deviceType: t.device_type,
        environment: m.environment.toUpperCase(),
        deviceCapabilities: {
          pinPad: true,
          msr: true,
          emv: true,
          nfc: true,
          signature: true,
          ...CAPABILITIES[t.device_type],
        },
      })),
    }),
  datetime: async ({ body }) => {
    const v = str(body, "dateTime");
    if (!v) throw missing("dateTime");
    if (
      !/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(v) ||
      Number.isNaN(Date.parse(v.replace(" ", "T")))
    ) {
      throw invalid(`Text '${v}' could not be parsed`);
    }
    return empty();
  },
  getpanpadversion: async () => json({ version: "1060011" }),
  display: async ({ t, body }) => {
    const text = str(body, "text") ?? "";
    if (text.length > 1000) throw invalid("Text must be 1000 characters or less");
    await (await db()).query(`update sandbox_cardpointe.terminals set display_text = $2 where hsn = $1`, [t.hsn, text]);
    return empty();
  },
  cleardisplay: async ({ t }) => {
    await (await db()).query(`update sandbox_cardpointe.terminals set display_text = '' where hsn = $1`, [t.hsn]);
    return empty();
  },
  cancel: async ({ t }) => {
    await (
      await db()
    ).query(`update sandbox_cardpointe.terminals set op_cancelled = true where hsn = $1 and op_id is not null`, [
      t.hsn,
    ]);
    return empty();
  },
  readconfirmation: async (c) => {
    if (!str(c.body, "prompt")) throw missing("prompt");
    return json(await interact(c.m, c.t, async () => ({ confirmed: true })));
  },
  readinput: async (c) => {
    if (!str(c.body, "prompt")) throw missing("prompt");
    const format = (str(c.body, "format") ?? "").toUpperCase();
    const samples: Record<string, string> = { PHONE: "6105550123", AN: "ABC123", N: "12345", A: "ABC", ZIP: "19406" };
    if (!(format in samples)) throw invalid("Invalid format");
    return json(await interact(c.m, c.t, async () => ({ input: samples[format] })));
  },
  readsignature: async (c) => {
    const prompt = str(c.body, "prompt") ?? "";
    if (prompt.length > 16) throw invalid("Prompt must be 16 characters or less");
    return json(await interact(c.m, c.t, async () => ({ signature: fakeSignature() })));
  },
  readcard: async (c) => {
    amountOf(c.body, false);
    refusePinDebit(c.body);
    const read = await interact(c.m, c.t, () => readCardToken(c));
    return json({
      ...read,
      singleUseToken: false,
      ...(bool(c.body, "includeSignature", false) ? { signature: fakeSignature() } : {}),
    });
  },
  readmanual: async (c) => {
    amountOf(c.body, false);
    const read = await interact(c.m, c.t, () => readCardToken(c));
    return json({
      token: read.token,
      ...(bool(c.body, "includeExpirationDate", true) ? { expiry: read.expiry } : {}),
      ...(bool(c.body, "includeSignature", false) ? { signature: fakeSignature() } : {}),
    });
  },
  authcard: (c) => auth(c, "EMVContact"),
  authmanual: (c) => auth(c, "Keyed"),
  tip: async (c) => {
    const amount = amountOf(c.body, true)!;
    if (!str(c.body, "prompt")) throw missing("prompt");
    const custom = bool(c.body, "includeCustomTipAmount", true);
    const presets = Array.isArray(c.body.tipPercentPresets) ? c.body.tipPercentPresets.map(Number) : undefined;
    if (!custom && (!presets || presets.length !== 3 || presets.some((p) => !Number.isFinite(p) || p < 0))) {
      throw missing("tipPercentPresets");
    }
    // The simulated customer picks the first preset, or 15 % when only a custom amount is offered.
    const percent = presets?.[0] ?? 15;
    const tip = Math.round((amount * percent) / 100);
    // CardPointeIntegratedTerminalAPI.yaml `tipSuccess` (L1033–1049) types amount, tip and total as integers (its
    // examples .06 / 1.06 are not); the request's amount is integer cents (tipRequest), so the answer is too.
    return json(await interact(c.m, c.t, async () => ({ amount, tip, total: amount + tip })));
  },
  printreceipt: async (c) => {
    const orderId = str(c.body, "orderId");
    if (!orderId) throw missing("orderId");
    // services.md §3.2: an orderId is at most 50 characters; a longer one is refused without echoing it back.
    if (orderId.length > 50) throw invalid("orderId must be 50 characters or less");
    const delay = c.body.printDelay;
    if (bool(c.body, "printExtraReceipt", false) && (delay === undefined || delay === null)) {
      throw new TerminalError(400, 1, "printDelay is a required parameter when printExtraReceipt=true");
    }
    if (delay !== undefined && delay !== null && !(Number(delay) >= 0 && Number(delay) <= 60_000)) {
      throw invalid("'printDelay' value must be between 0 and 60,000");
    }
    if (!CAPABILITIES[c.t.device_type]?.printer)
      throw new TerminalError(500, 800, "Printing is not supported on this terminal");
    const r = await (
      await db()
    ).query<{ amount_minor: string; authdate: Date; name: string | null }>(
      `select amount_minor, authdate, name from sandbox_cardpointe.transactions
       where merchid = $1 and orderid = $2 order by authdate desc limit 1`,
      [c.m.merchid, orderId],
    );
    const row = r.rows[0];
    if (!row) throw new TerminalError(500, 1, `No transaction found for orderId ${orderId}`);
    return json({
      receiptData: {
        ...receiptTop(c, new Date(row.authdate)),
        nameOnCard: row.name ?? "",
        orderNote: `Total ${formatAmount(Number(row.amount_minor))}`,
        items: "",
        footer: "",
      },
    });
  },
};
COMMANDS.getsignature = COMMANDS.readsignature!;
