import { createHash } from "node:crypto";
import type { ApiContext } from "./context";
import { ApiError, fieldError, isObject, ok, readJson, str, type CoPilotError } from "./http";
import { loadMerchant, merchantStatus, parseMerchantId, renderMerchant } from "./merchant-store";
import { db, tx } from "./schema";
import { keepMaskedEchoes, sealSensitive } from "./sensitive";
import { userNow } from "./users";
import { missingFields } from "./required-fields";
import { customField, validateMerchant, validateOwnerSiteUser } from "./validate-merchant";
import { lookupCodes } from "./lookups";

type Obj = Record<string, unknown>;

/** A supplied parent object replaces all of its children: the top-level objects are swapped whole. */
export function applyMerchant(base: Obj, supplied: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(supplied)) {
    if (k === "merchantStatus" || k === "signatureStatus") continue; // read-only on GET
    out[k] = v;
  }
  return out;
}

/**
 * Create starts from the template: the application's values win, object by object, and whatever
 * the application leaves out keeps the template's value (arrays are taken whole).
 */
export function overTemplate(template: unknown, supplied: unknown): unknown {
  if (!isObject(template) || !isObject(supplied)) return supplied === undefined ? template : supplied;
  const out: Obj = { ...template };
  for (const [k, v] of Object.entries(supplied)) {
    if (k === "merchantStatus" || k === "signatureStatus") continue;
    out[k] = overTemplate(template[k], v);
  }
  return out;
}

function merchantBody(body: Obj): Obj {
  const m = body.merchant;
  if (m === undefined || m === null) return {};
  if (!isObject(m)) throw ApiError.of(400, "1002", "merchant must be an object.", "merchant");
  return m;
}

function throwIfAny(errors: ReturnType<typeof validateMerchant>) {
  if (errors.length) throw new ApiError(400, errors);
}

export async function createMerchant(ctx: ApiContext): Promise<Response> {
  const body = await readJson(ctx.req);
  const supplied = merchantBody(body);
  const templateId = str(body.templateId);
  if (!templateId || !/^\d{1,18}$/.test(templateId))
    throw ApiError.of(
      400,
      "1005",
      "templateId is required and must be the id of an application template.",
      "templateId",
    );
  const pool = await db();
  const t = await pool.query<{ merchant: Obj }>(
    `select merchant from sandbox_copilot.templates where id = $1 and user_id = $2`,
    [templateId, ctx.user.id],
  );
  const template = t.rows[0];
  if (!template) throw ApiError.of(400, "1005", `Template ${templateId} does not exist.`, "templateId");
  const merged = overTemplate(template.merchant, supplied) as Obj;
  throwIfAny([
    ...validateMerchant(merged, userNow(ctx.user)),
    ...validateOwnerSiteUser(body.ownerSiteUser),
    ...missingFields(merged, "create"),
  ]);
  const now = userNow(ctx.user);
  const r = await pool.query<{ merchant_id: string }>(
    `insert into sandbox_copilot.merchants
       (merchant_id, user_id, template_id, merchant, owner_site_user, created_at, status_changed_at)
     values (nextval('sandbox_copilot.merchant_id_seq'), $1, $2, $3, $4, $5, $5) returning merchant_id`,
    [ctx.user.id, templateId, JSON.stringify(sealSensitive(merged)), JSON.stringify(body.ownerSiteUser ?? null), now],
  );
  return ok({ merchantId: String(r.rows[0]!.merchant_id) });
}

export async function getMerchant(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const row = await tx((c) => loadMerchant(c, ctx.user, id));
  return ok({ merchant: renderMerchant(row, ctx.origin), ownerSiteUser: row.owner_site_user });
}

export async function updateMerchant(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const body = await readJson(ctx.req);
  await tx(async (c) => {
    const row = await loadMerchant(c, ctx.user, id);
    if (row.boarding_status !== "INPROG")
      throw ApiError.of(
        400,
        "1006",
        `Merchant cannot be updated while boardingProcessStatusCd is ${row.boarding_status}; ` +
          "retract the signature (DELETE /merchant/{merchantId}/signature) before modifying account data.",
        "merchantId",
      );
    const supplied = keepMaskedEchoes(merchantBody(body), row.merchant);
    const merged = applyMerchant(row.merchant, supplied);
    throwIfAny([...validateMerchant(merged, userNow(ctx.user)), ...validateOwnerSiteUser(body.ownerSiteUser)]);
    await c.query(
      `update sandbox_copilot.merchants set merchant = $2, owner_site_user = coalesce($3, owner_site_user) where merchant_id = $1`,
      [
        id,
        JSON.stringify(sealSensitive(merged)),
        body.ownerSiteUser === undefined ? null : JSON.stringify(body.ownerSiteUser),
      ],
    );
  });
  return ok();
}

export async function getStatus(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const row = await tx((c) => loadMerchant(c, ctx.user, id));
  return ok({ merchantStatus: merchantStatus(row) });
}

const ATTACHMENT_MAX_BYTES = 100 * 1024 * 1024;

export async function putAttachment(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const body = await readJson(ctx.req);
  // The guide wraps the fields in `attachment`; the YAML shows them flat. Both are accepted.
  const a = isObject(body.attachment) ? body.attachment : body;
  const errors: CoPilotError[] = [];
  const fileName = str(a.fileName);
  const mimeType = str(a.mimeType);
  const typeCd = str(a.attachmentTypeCd);
  const doc = typeof a.document === "string" ? a.document : undefined;
  if (!fileName || fileName.length > 60)
    errors.push(fieldError("1140", "fileName is required (60 characters or fewer).", "attachment.fileName"));
  if (!mimeType || mimeType.length > 30 || /^(audio|video)\//.test(mimeType))
    errors.push(
      fieldError("1141", "mimeType is required; audio and video files are not supported.", "attachment.mimeType"),
    );
  if (!typeCd || !lookupCodes("attachmentTypeCodes").has(typeCd))
    errors.push(
      fieldError("1142", "attachmentTypeCd is not a valid attachment type code.", "attachment.attachmentTypeCd"),
    );
  const description = str(a.description);
  if (description && description.length > 1000)
    errors.push(fieldError("1127", "description must be 1000 characters or fewer.", "attachment.description"));
  const bytes = doc && /^[A-Za-z0-9+/=\s]+$/.test(doc) ? Buffer.from(doc, "base64") : undefined;
  if (!bytes || bytes.length === 0 || bytes.length > ATTACHMENT_MAX_BYTES)
    errors.push(fieldError("1143", "document must be a base64-encoded file of at most 100MB.", "attachment.document"));
  if (errors.length) throw new ApiError(400, errors);
  const attachmentId = await tx(async (c) => {
    await loadMerchant(c, ctx.user, id);
    const r = await c.query<{ id: string }>(
      `insert into sandbox_copilot.attachments (merchant_id, file_name, mime_type, description, attachment_type_cd, size_bytes, sha256)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [
        id,
        fileName,
        mimeType,
        description ?? null,
        typeCd,
        bytes!.length,
        createHash("sha256").update(bytes!).digest("hex"),
      ],
    );
    return Number(r.rows[0]!.id);
  });
  return ok({ attachmentId });
}

export async function getOwnerSiteUser(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const row = await tx((c) => loadMerchant(c, ctx.user, id));
  return ok({ ownerSiteUser: row.owner_site_user });
}

export async function putOwnerSiteUser(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const body = await readJson(ctx.req);
  const u = body.ownerSiteUser;
  if (!isObject(u)) throw ApiError.of(400, "1100", "ownerSiteUser is required.", "ownerSiteUser");
  const errors = validateOwnerSiteUser(u);
  for (const k of ["firstName", "lastName", "email"])
    if (!str(u[k])) errors.push(fieldError("1100", `${k} is required.`, `ownerSiteUser.${k}`));
  if (errors.length) throw new ApiError(400, errors);
  await tx(async (c) => {
    await loadMerchant(c, ctx.user, id);
    await c.query(`update sandbox_copilot.merchants set owner_site_user = $2 where merchant_id = $1`, [
      id,
      JSON.stringify({ firstName: u.firstName, lastName: u.lastName, email: u.email }),
    ]);
  });
  return ok();
}

/** The template defines ten custom fields; the first is required, as a partner might configure it. */
function customFieldRows(values: unknown) {
  const byNumber = new Map<number, string | null>();
  if (Array.isArray(values))
    for (const v of values) if (isObject(v)) byNumber.set(Number(v.userFieldNumber), str(v.customFieldValue) ?? null);
  return Array.from({ length: 10 }, (_, i) => ({
    customFieldLabel: `Custom Field ${i + 1}`,
    isRequired: i === 0 ? 1 : 0,
    isActive: i < 3 ? 1 : 0,
    userFieldNumber: i + 1,
    customFieldValue: byNumber.get(i + 1) ?? null,
  }));
}

export async function getCustomFields(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const row = await tx((c) => loadMerchant(c, ctx.user, id));
  return ok({ customFields: customFieldRows(row.merchant.customFields) });
}

export async function putCustomFields(ctx: ApiContext): Promise<Response> {
  const id = parseMerchantId(ctx.params[0]);
  const body = await readJson(ctx.req);
  const list = body.customFields;
  if (!Array.isArray(list)) throw ApiError.of(400, "1100", "customFields must be an array.", "customFields");
  const errors: CoPilotError[] = [];
  const sink = {
    add: (code: string, message: string, field: string) => errors.push(fieldError(code, message, field)),
  };
  list.forEach((f, i) => customField(sink, f, `customFields[${i}]`));
  if (errors.length) throw new ApiError(400, errors);
  await tx(async (c) => {
    const row = await loadMerchant(c, ctx.user, id);
    const current = new Map<number, unknown>();
    for (const f of (row.merchant.customFields as unknown[] | undefined) ?? [])
      if (isObject(f)) current.set(Number(f.userFieldNumber), f);
    for (const f of list as Obj[])
      current.set(Number(f.userFieldNumber), {
        userFieldNumber: Number(f.userFieldNumber),
        customFieldValue: str(f.customFieldValue) ?? null,
      });
    const merged = { ...row.merchant, customFields: [...current.values()] };
    await c.query(`update sandbox_copilot.merchants set merchant = $2 where merchant_id = $1`, [
      id,
      JSON.stringify(merged),
    ]);
  });
  return ok();
}
