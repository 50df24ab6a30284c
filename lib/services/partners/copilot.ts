import { eq } from "drizzle-orm";
import { z } from "zod";
import { type DbOrTx, getDb } from "@/db/client";
import { partnerIntegrations, partners } from "@/db/schema";
import { getPartnerIntegration } from "@/db/queries/partners";
import {
  CoPilotClient,
  type CoPilotCredentials,
  copilotHosts,
  CoPilotNotConfigured,
  CoPilotUnavailable,
} from "@/lib/copilot";
import { seal, unseal } from "@/lib/crypto/keys";
import { env } from "@/lib/env";
import { vendorHostsFetch } from "@/lib/gateway/sandbox-hosts";
import { sandboxControl } from "@/lib/sandbox-control";
import { writeAudit } from "@/lib/services/audit/write";

const PURPOSE = "partner-credentials";

const credentialsSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  templateId: z.number().int(),
});

export const PARTNER_CREDENTIALS_PURPOSE = PURPOSE;

/** The row a partner's sealed CoPilot credentials are bound to (lib/crypto/keys.ts). */
export interface PartnerCredentialsRow {
  partnerId: string;
  environment: "sandbox" | "uat" | "production";
}

export function partnerCredentialsBinding(row: PartnerCredentialsRow): string {
  return `partner_integrations/${row.partnerId}/copilot/${row.environment}/credentials_enc`;
}

export function sealPartnerCredentials(c: CoPilotCredentials, row: PartnerCredentialsRow): string {
  return seal(JSON.stringify(c), PURPOSE, partnerCredentialsBinding(row));
}

export function unsealPartnerCredentials(sealed: string, row: PartnerCredentialsRow): CoPilotCredentials {
  return credentialsSchema.parse(JSON.parse(unseal(sealed, PURPOSE, partnerCredentialsBinding(row))));
}

export type CopilotEnvironment = "sandbox" | "uat" | "production";

/**
 * The CoPilot environment a partner boards in: its own choice (Partner → Settings), else the portal's default
 * (sandbox in sandbox mode, production otherwise). "sandbox" is never used with the sandboxes off.
 */
export async function partnerCopilotEnvironment(db: DbOrTx, partnerId: string): Promise<CopilotEnvironment> {
  const [p] = await db
    .select({ e: partners.copilotEnvironment })
    .from(partners)
    .where(eq(partners.id, partnerId))
    .limit(1);
  const chosen = p?.e ?? null;
  if (chosen === "sandbox" && !env().sandboxEnabled) return "production";
  return chosen ?? (env().sandboxEnabled ? "sandbox" : "production");
}

/** CoPilot hosts and transport: UAT/production hosts are answered by the emulator in sandbox mode (sandbox-hosts). */
export function copilotClientFor(creds: CoPilotCredentials, environment: CopilotEnvironment): CoPilotClient {
  const hosts = copilotHosts(environment);
  if (environment !== "sandbox" && env().sandboxVendorHosts) {
    return new CoPilotClient(creds, hosts, vendorHostsFetch(env().appUrl));
  }
  return new CoPilotClient(creds, hosts);
}

async function stored(db: DbOrTx, partnerId: string, environment: CopilotEnvironment) {
  const row = await getPartnerIntegration({ partnerId, provider: "copilot", environment }, db);
  return row ? unsealPartnerCredentials(row.credentialsEnc, { partnerId, environment }) : null;
}

/** A sandbox CoPilot API user for the partner, created through the sandbox's control API. */
async function provisionSandboxUser(): Promise<CoPilotCredentials> {
  const u = await sandboxControl("copilot", "users").catch((err: Error) => {
    throw new CoPilotUnavailable(`copilot sandbox user creation failed: ${err.message}`);
  });
  return credentialsSchema.parse({
    username: u.username,
    password: u.password,
    clientId: u.client_id ?? "merchapi",
    clientSecret: u.client_secret,
    templateId: Number(u.template_id),
  });
}

/**
 * The partner's CoPilot client. Sandbox mode provisions the partner's sandbox API user on first use;
 * production needs credentials stored by an administrator (none → CoPilot unavailable).
 */
export async function copilotForPartner(
  partnerId: string,
  actorUserId?: string | null,
): Promise<{ client: CoPilotClient; credentials: CoPilotCredentials }> {
  const db = getDb();
  const envName = await partnerCopilotEnvironment(db, partnerId);
  let creds = await stored(db, partnerId, envName);
  if (!creds) {
    if (envName !== "sandbox") throw new CoPilotNotConfigured("no CoPilot credentials stored for this partner");
    const fresh = await provisionSandboxUser();
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(partnerIntegrations)
        .values({
          partnerId,
          provider: "copilot",
          environment: envName,
          credentialsEnc: sealPartnerCredentials(fresh, { partnerId, environment: envName }),
        })
        .onConflictDoNothing()
        .returning({ partnerId: partnerIntegrations.partnerId });
      if (inserted.length)
        await writeAudit(tx, {
          actorUserId: actorUserId ?? null,
          partnerId,
          action: "partner.copilot.provisioned",
          targetType: "partner_integration",
          targetId: `${partnerId}:copilot:${envName}`,
          after: { environment: envName, username: fresh.username },
        });
    });
    // A concurrent first use may have won the insert: use whatever is stored.
    creds = (await stored(db, partnerId, envName)) ?? fresh;
  }
  return { client: copilotClientFor(creds, envName), credentials: creds };
}
