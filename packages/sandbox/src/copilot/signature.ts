import { randomUUID } from "node:crypto";
import type { ApiContext } from "./context";
import { simNow } from "./clock";
import { ApiError, ok, requestOrigin } from "./http";
import { loadMerchant, parseMerchantId, signatureStatus, signUrl, type MerchantRow } from "./merchant-store";
import { maskSensitive } from "./sensitive";
import { db, tx } from "./schema";
import { userNow } from "./users";
import { missingFields } from "./required-fields";

/** PUT: checks the application is complete, issues a fresh link, and puts the account out for signature (OFS). */
export async function requestSignature(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const token = await tx(async (c) => {
    const row = await loadMerchant(c, ctx.user, id);
    if (row.signature_status === "SIGNED")
      throw ApiError.of(400, "1006", "The application has already been signed.", "merchantId");
    if (row.boarding_status !== "INPROG" && row.boarding_status !== "OFS")
      throw ApiError.of(
        400,
        "1006",
        `Merchant is ${row.boarding_status}; a signature cannot be requested.`,
        "merchantId",
      );
    const missing = missingFields(row.merchant, "signature");
    if (missing.length) throw new ApiError(400, missing);
    const t = randomUUID();
    await c.query(
      `update sandbox_copilot.merchants set signature_status = 'PENDING', signature_token = $2,
         boarding_status = 'OFS', status_changed_at = $3 where merchant_id = $1`,
      [id, t, userNow(ctx.user)],
    );
    return t;
  });
  return ok({ signatureUrl: signUrl(ctx.origin, token) });
}

export async function getSignature(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const row = await tx((c) => loadMerchant(c, ctx.user, id));
  const s = signatureStatus(row, ctx.origin);
  return ok({
    signatureStatusCd: s.signatureStatusCd,
    signatureUrl: s.signatureUrl,
    signedDatetime: s.signedDateTime,
    signedSiteUserId: s.signedSiteUserId,
    signer: s.signer,
  });
}

/** DELETE retracts a pending link so the application can be edited again. */
export async function retractSignature(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  await tx(async (c) => {
    const row = await loadMerchant(c, ctx.user, id);
    if (row.signature_status !== "PENDING")
      throw ApiError.of(
        400,
        "1006",
        `There is no pending signature to retract (status ${row.signature_status}).`,
        "merchantId",
      );
    await c.query(
      `update sandbox_copilot.merchants set signature_status = 'NOT_SENT', signature_token = null,
         boarding_status = 'INPROG', status_changed_at = $2 where merchant_id = $1`,
      [id, userNow(ctx.user)],
    );
  });
  return ok();
}

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
button{font-size:1rem;padding:.6rem 1.2rem;background:#b91c1c;color:#fff;border:0;border-radius:.375rem;cursor:pointer}
.note{color:#6b7280;font-size:.875rem}</style></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

interface SignRow extends MerchantRow {
  clock_offset_s: string;
}

async function findByToken(token: string): Promise<SignRow | undefined> {
  const pool = await db();
  const r = await pool.query<SignRow>(
    `select m.*, u.clock_offset_s from sandbox_copilot.merchants m join sandbox_copilot.users u on u.id = m.user_id
      where m.signature_token = $1`,
    [token],
  );
  return r.rows[0];
}

/** The merchant-facing signing page the signatureUrl points to (GET shows, POST signs). */
export async function signPage(req: Request, token: string): Promise<Response> {
  if (!/^[0-9a-f-]{36}$/.test(token)) return page("Link not valid", "<p>This signature link is not valid.</p>", 404);
  if (req.method === "POST") return sign(req, token);
  const row = await findByToken(token);
  if (!row)
    return page(
      "Link not valid",
      "<p>This signature link is no longer valid. Ask your partner for a new one.</p>",
      404,
    );
  const m = maskSensitive(row.merchant);
  const owner = ((m.ownership as Record<string, unknown> | undefined)?.owner ?? {}) as Record<string, unknown>;
  const bank = ((m.bankDetail as Record<string, unknown> | undefined)?.depositBank ?? {}) as Record<string, unknown>;
  if (row.signature_status === "SIGNED")
    return page("Application signed", `<p>This application was signed. Thank you.</p>`);
  return page(
    "Merchant application",
    `<p>Please review the application for <strong>${esc(m.dbaName)}</strong> and sign it.</p>
<dl><dt>Legal name</dt><dd>${esc(m.legalBusinessName)}</dd><dt>DBA</dt><dd>${esc(m.dbaName)}</dd>
<dt>Owner</dt><dd>${esc(owner.ownerName)}</dd><dt>Owner SSN</dt><dd>${esc(owner.ownerSSN)}</dd>
<dt>Deposit account</dt><dd>${esc(bank.bankAcctNum)} (routing ${esc(bank.bankRoutingNum)})</dd></dl>
<form method="post"><p><label><input type="checkbox" name="personalGuarantee" value="Y"> I provide a personal guarantee</label></p>
<p class="note">By signing you accept the merchant processing agreement (sandbox: nothing is sent anywhere).</p>
<button type="submit" name="agree" value="Y">I agree and sign</button></form>`,
  );
}

async function sign(req: Request, token: string): Promise<Response> {
  const form = new URLSearchParams(await req.text());
  const done = await tx(async (c) => {
    const r = await c.query<SignRow>(
      `select m.*, u.clock_offset_s from sandbox_copilot.merchants m join sandbox_copilot.users u on u.id = m.user_id
        where m.signature_token = $1 for update of m`,
      [token],
    );
    const row = r.rows[0];
    if (!row) return "invalid" as const;
    if (row.signature_status === "SIGNED") return "signed" as const;
    const now = simNow(row.clock_offset_s);
    const site = row.owner_site_user ?? {};
    const ip = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "127.0.0.1";
    const signer = {
      email: site.email ?? null,
      firstName: site.firstName ?? null,
      lastName: site.lastName ?? null,
      ipAddress: ip,
      personalGuaranteeFlg: form.get("personalGuarantee") === "Y",
    };
    await c.query(
      `update sandbox_copilot.merchants set signature_status = 'SIGNED', signed_at = $2, signer = $3,
         boarding_status = 'SIGNED', status_changed_at = $2 where merchant_id = $1`,
      [row.merchant_id, now, JSON.stringify(signer)],
    );
    return "signed" as const;
  });
  if (done === "invalid") return page("Link not valid", "<p>This signature link is no longer valid.</p>", 404);
  return page(
    "Application signed",
    `<p>Thank you. The application was signed and sent for review.</p>
<p class="note"><a href="${esc(`${requestOrigin(req)}/sandbox/copilot/sign/${token}`)}">View</a></p>`,
  );
}
