import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { partnerIntegrations, partners } from "@/db/schema";
import { getPartnerIntegration } from "@/db/queries/partners";
import { Forbidden } from "@/lib/auth/errors";
import type { PartnerContext } from "@/lib/auth/guard";
import {
  CoPilotAuthFailed,
  type CoPilotCredentials,
  CoPilotUnavailable,
  copilotHosts,
  forgetToken,
} from "@/lib/copilot";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write";
import type { CopilotCredentialsInput } from "@/lib/validations/billing-plans";
import {
  copilotClientFor,
  partnerCopilotEnvironment,
  sealPartnerCredentials,
  unsealPartnerCredentials,
} from "./copilot";

/**
 * The partner's CoPilot API user, entered by a partner admin. Stored sealed in partner_integrations for the
 * environment the portal runs in (production when sandbox mode is off — the case this screen exists for; in
 * sandbox mode it replaces the auto-provisioned sandbox user). Secrets are never read back to the browser.
 */

export type CopilotEnvironment = "sandbox" | "uat" | "production";

export interface CopilotSettingsView {
  environment: CopilotEnvironment;
  /** What a partner admin may choose here (the built-in sandbox only in sandbox mode). */
  environments: CopilotEnvironment[];
  configured: boolean;
  username: string | null;
  clientId: string | null;
  templateId: number | null;
  /** "••••••••cd12": only the last four characters of the client secret. */
  clientSecretMasked: string | null;
  passwordSet: boolean;
  updatedAt: string | null;
}

function requireAdmin(ctx: PartnerContext) {
  if (ctx.role !== "partner_admin") throw new Forbidden("Only partner administrators manage CoPilot credentials.");
}

export function maskSecret(secret: string): string {
  return `••••••••${secret.length > 8 ? secret.slice(-4) : ""}`;
}

async function loadRow(partnerId: string, environment: CopilotEnvironment) {
  const row = await getPartnerIntegration({ partnerId, provider: "copilot", environment });
  return row
    ? { creds: unsealPartnerCredentials(row.credentialsEnc, { partnerId, environment }), at: row.createdAt }
    : null;
}

export async function copilotSettings(ctx: PartnerContext): Promise<CopilotSettingsView> {
  requireAdmin(ctx);
  const environment = await partnerCopilotEnvironment(getDb(), ctx.partnerId);
  const row = await loadRow(ctx.partnerId, environment);
  return {
    environment,
    environments: env().sandboxEnabled ? ["sandbox", "uat", "production"] : ["uat", "production"],
    configured: !!row,
    username: row?.creds.username ?? null,
    clientId: row?.creds.clientId ?? null,
    templateId: row?.creds.templateId ?? null,
    clientSecretMasked: row ? maskSecret(row.creds.clientSecret) : null,
    passwordSet: !!row?.creds.password,
    updatedAt: row?.at.toISOString() ?? null,
  };
}

/** Saves (or replaces) the API user; a blank password or secret keeps the stored one. Audited, no secrets. */
export async function saveCopilotCredentials(
  ctx: PartnerContext,
  input: CopilotCredentialsInput,
): Promise<CopilotSettingsView> {
  requireAdmin(ctx);
  const environment = input.environment ?? (await partnerCopilotEnvironment(getDb(), ctx.partnerId));
  if (environment === "sandbox" && !env().sandboxEnabled) {
    throw new UserError("invalid", "The built-in sandbox is off on this portal.", {
      environment: ["Choose UAT or production."],
    });
  }
  const before = await partnerCopilotEnvironment(getDb(), ctx.partnerId);
  const current = await loadRow(ctx.partnerId, environment);
  const password = input.password ?? current?.creds.password;
  const clientSecret = input.clientSecret ?? current?.creds.clientSecret;
  const missing: Record<string, string[]> = {};
  if (!password) missing.password = ["Enter the API user's password."];
  if (!clientSecret) missing.clientSecret = ["Enter the client secret."];
  if (Object.keys(missing).length) throw new UserError("invalid", "Please correct the highlighted fields.", missing);
  const next: CoPilotCredentials = {
    username: input.username,
    password: password!,
    clientId: input.clientId,
    clientSecret: clientSecret!,
    templateId: input.templateId,
  };
  const sealed = sealPartnerCredentials(next, { partnerId: ctx.partnerId, environment });
  await getDb().transaction(async (tx) => {
    await tx
      .insert(partnerIntegrations)
      .values({ partnerId: ctx.partnerId, provider: "copilot", environment, credentialsEnc: sealed })
      .onConflictDoUpdate({
        target: [partnerIntegrations.partnerId, partnerIntegrations.provider, partnerIntegrations.environment],
        set: { credentialsEnc: sealed, createdAt: new Date() },
      });
    // The partner now boards in this environment.
    await tx.update(partners).set({ copilotEnvironment: environment }).where(eq(partners.id, ctx.partnerId));
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      partnerId: ctx.partnerId,
      action: current ? "partner.copilot.credentials_replaced" : "partner.copilot.credentials_saved",
      targetType: "partner_integration",
      targetId: `${ctx.partnerId}:copilot:${environment}`,
      before: current
        ? { username: current.creds.username, clientId: current.creds.clientId, templateId: current.creds.templateId }
        : null,
      after: {
        environment,
        previousEnvironment: before,
        username: next.username,
        clientId: next.clientId,
        templateId: next.templateId,
        passwordChanged: !!input.password && input.password !== current?.creds.password,
        clientSecretChanged: !!input.clientSecret && input.clientSecret !== current?.creds.clientSecret,
      },
    });
  });
  const hosts = copilotHosts(environment);
  forgetToken(hosts, next.username);
  if (current) forgetToken(hosts, current.creds.username);
  return copilotSettings(ctx);
}

const OAUTH_WORDS: Record<string, string> = {
  invalid_grant: "CoPilot refused the username or password (invalid_grant).",
  invalid_client: "CoPilot refused the client id or client secret (invalid_client).",
  unauthorized_client: "This client id may not use the password grant (unauthorized_client).",
};

/** Obtains a fresh token with the stored credentials; the outcome is audited (never the token itself). */
export async function testCopilotConnection(
  ctx: PartnerContext,
): Promise<{ ok: true; environment: CopilotEnvironment; expiresInSeconds: number; username: string }> {
  requireAdmin(ctx);
  const environment = await partnerCopilotEnvironment(getDb(), ctx.partnerId);
  const row = await loadRow(ctx.partnerId, environment);
  if (!row) throw new UserError("invalid", "Save the CoPilot credentials first, then test the connection.");
  const client = copilotClientFor(row.creds, environment);
  let outcome: { ok: boolean; error?: string };
  try {
    const t = await client.token(true);
    outcome = { ok: true };
    await audit(ctx, environment, row.creds.username, outcome);
    return {
      ok: true,
      environment,
      expiresInSeconds: Math.max(0, Math.round((t.expiresAt - Date.now()) / 1000)),
      username: row.creds.username,
    };
  } catch (err) {
    if (err instanceof CoPilotAuthFailed) {
      outcome = { ok: false, error: err.oauthError ?? "refused" };
      await audit(ctx, environment, row.creds.username, outcome);
      throw new UserError(
        "invalid",
        `Connection failed: ${OAUTH_WORDS[err.oauthError ?? ""] ?? "CoPilot refused these credentials."} Check them and save again.`,
      );
    }
    if (err instanceof CoPilotUnavailable) {
      await audit(ctx, environment, row.creds.username, { ok: false, error: "unreachable" });
      throw new UserError(
        "unavailable",
        "Connection failed: CoPilot's token endpoint did not answer. Try again shortly.",
      );
    }
    throw err;
  }
}

async function audit(
  ctx: PartnerContext,
  environment: string,
  username: string,
  outcome: { ok: boolean; error?: string },
) {
  await writeAudit(getDb(), {
    actorUserId: ctx.user.id,
    partnerId: ctx.partnerId,
    action: "partner.copilot.connection_tested",
    targetType: "partner_integration",
    targetId: `${ctx.partnerId}:copilot:${environment}`,
    after: { username, ...outcome },
  });
}
