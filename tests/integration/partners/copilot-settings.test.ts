import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, partnerIntegrations, partners } from "@/db/schema";
import { saveCopilotCredentialsAction, testCopilotConnectionAction } from "@/lib/actions/partners";
import { authorize } from "@/lib/auth/guard";
import { runAsSession } from "@/lib/auth/session";
import { copilotSettings } from "@/lib/services/partners/copilot-settings";
import { unsealPartnerCredentials } from "@/lib/services/partners/copilot";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { control, serveBoardingOrigin } from "../boarding/origin";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * The partner admin's CoPilot credentials screen: saved sealed, never read back, "Test connection" obtains a
 * token from the (served) token endpoint, wrong credentials give CoPilot's invalid_grant in plain words, agents
 * and other partners are refused. The portal runs in sandbox mode here, so the credentials are the sandbox's.
 */

let t: Tenants;
let user: { username: string; password: string; client_id: string; client_secret: string; template_id: number };
const origin = openForFile(serveBoardingOrigin);
beforeAll(async () => {
  t = await makeTenants();
  user = (await control(origin.url, "users", {})) as typeof user;
});

const asAdmin = <T>(fn: () => Promise<T>) => runAsSession(t.partnerAdmin.claims, fn);
const form = (over: Record<string, unknown> = {}) => ({
  partnerId: t.partnerId,
  username: user.username,
  password: user.password,
  clientId: user.client_id,
  clientSecret: user.client_secret,
  templateId: String(user.template_id),
  ...over,
});

async function stored() {
  const [row] = await getDb()
    .select({ c: partnerIntegrations.credentialsEnc, environment: partnerIntegrations.environment })
    .from(partnerIntegrations)
    .where(and(eq(partnerIntegrations.partnerId, t.partnerId), eq(partnerIntegrations.provider, "copilot")));
  return row;
}

describe("CoPilot credentials (partner settings)", () => {
  it("saves the API user sealed: no secret in the row, the screen shows it masked, audited without secrets", async () => {
    const r = await asAdmin(() => saveCopilotCredentialsAction(form()));
    expect(r).toMatchObject({ ok: true, data: { configured: true, username: user.username } });
    const row = await stored();
    expect(row!.environment).toBe("sandbox");
    expect(row!.c).not.toContain(user.password);
    expect(row!.c).not.toContain(user.client_secret);
    expect(unsealPartnerCredentials(row!.c, { partnerId: t.partnerId, environment: row!.environment })).toEqual({
      username: user.username,
      password: user.password,
      clientId: user.client_id,
      clientSecret: user.client_secret,
      templateId: user.template_id,
    });
    const ctx = await asAdmin(() => authorize(undefined, { partnerId: t.partnerId }, "partner:view"));
    const view = await copilotSettings(ctx);
    expect(view).toMatchObject({ configured: true, username: user.username, passwordSet: true });
    expect(view.clientSecretMasked).toBe(`••••••••${user.client_secret.slice(-4)}`);
    expect(JSON.stringify(view)).not.toContain(user.password);
    expect(JSON.stringify(view)).not.toContain(user.client_secret);
    const [audit] = await getDb()
      .select({ after: auditLog.after, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.partnerId, t.partnerId), eq(auditLog.action, "partner.copilot.credentials_saved")));
    expect(audit).toMatchObject({ actor: t.partnerAdmin.id });
    expect(JSON.stringify(audit!.after)).not.toContain(user.password);
    expect(JSON.stringify(audit!.after)).not.toContain(user.client_secret);
  });

  it("Test connection obtains a token from the token endpoint", async () => {
    const r = await asAdmin(() => testCopilotConnectionAction({ partnerId: t.partnerId }));
    expect(r).toMatchObject({ ok: true, data: { username: user.username } });
    if (r.ok) expect(r.data.expiresInSeconds).toBeGreaterThan(200);
  });

  it("a wrong password is CoPilot's invalid_grant, said plainly; blank secret keeps the stored one", async () => {
    const saved = await asAdmin(() =>
      saveCopilotCredentialsAction(form({ password: "wrong-password", clientSecret: "" })),
    );
    expect(saved.ok).toBe(true);
    expect(
      unsealPartnerCredentials((await stored())!.c, { partnerId: t.partnerId, environment: "sandbox" }).clientSecret,
    ).toBe(user.client_secret);
    const r = await asAdmin(() => testCopilotConnectionAction({ partnerId: t.partnerId }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/username or password \(invalid_grant\)/);
    const tested = await getDb()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.partnerId, t.partnerId), eq(auditLog.action, "partner.copilot.connection_tested")));
    expect(tested.map((x) => x.after)).toEqual([
      { username: user.username, ok: true },
      { username: user.username, ok: false, error: "invalid_grant" },
    ]);
    // Put the right password back: the next test run by this partner works again.
    expect((await asAdmin(() => saveCopilotCredentialsAction(form()))).ok).toBe(true);
    expect((await asAdmin(() => testCopilotConnectionAction({ partnerId: t.partnerId }))).ok).toBe(true);
  });

  it("a wrong client secret is invalid_client", async () => {
    await asAdmin(() => saveCopilotCredentialsAction(form({ clientSecret: "not-the-secret" })));
    const r = await asAdmin(() => testCopilotConnectionAction({ partnerId: t.partnerId }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/client secret \(invalid_client\)/);
    await asAdmin(() => saveCopilotCredentialsAction(form()));
  });

  it("asks for password and secret when nothing is stored yet, and checks the fields", async () => {
    const other = await makeTenants();
    const r = await runAsSession(other.partnerAdmin.claims, () =>
      saveCopilotCredentialsAction({ partnerId: other.partnerId, username: "", clientId: "merchapi", templateId: "x" }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["templateId", "username"]);
    const r2 = await runAsSession(other.partnerAdmin.claims, () =>
      saveCopilotCredentialsAction({
        partnerId: other.partnerId,
        username: "u",
        clientId: "merchapi",
        templateId: "1",
      }),
    );
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(Object.keys(r2.fieldErrors ?? {}).sort()).toEqual(["clientSecret", "password"]);
  });

  it("agents, merchants' users and other partners' admins are refused; nothing changes", async () => {
    const before = (await stored())!.c;
    const agent = await runAsSession(t.agent.claims, () => saveCopilotCredentialsAction(form({ username: "evil" })));
    expect(agent).toMatchObject({ ok: false, code: "forbidden" });
    const agentTest = await runAsSession(t.agent.claims, () => testCopilotConnectionAction({ partnerId: t.partnerId }));
    expect(agentTest.ok).toBe(false);
    const ctx = await runAsSession(t.agent.claims, () =>
      authorize(undefined, { partnerId: t.partnerId }, "partner:view"),
    );
    await expect(copilotSettings(ctx)).rejects.toThrow(/administrators/);
    const merchantUser = await runAsSession(t.adminA.claims, () => saveCopilotCredentialsAction(form()));
    expect(merchantUser).toMatchObject({ ok: false, code: "not_found" });
    const outsider = await runAsSession(t.otherPartnerAdmin.claims, () => saveCopilotCredentialsAction(form()));
    expect(outsider).toMatchObject({ ok: false, code: "not_found" });
    expect((await stored())!.c).toBe(before);
  });

  it("switches the partner to UAT: credentials kept per environment, tokens from the UAT token host (emulated in sandbox mode)", async () => {
    const r = await asAdmin(() => saveCopilotCredentialsAction(form({ environment: "uat" })));
    expect(r).toMatchObject({ ok: true });
    const [p] = await getDb()
      .select({ e: partners.copilotEnvironment })
      .from(partners)
      .where(eq(partners.id, t.partnerId));
    expect(p!.e).toBe("uat");
    const rows = await getDb()
      .select({ environment: partnerIntegrations.environment })
      .from(partnerIntegrations)
      .where(and(eq(partnerIntegrations.partnerId, t.partnerId), eq(partnerIntegrations.provider, "copilot")));
    expect(rows.map((x) => x.environment).sort()).toEqual(["sandbox", "uat"]);
    const ctx = await asAdmin(() => authorize(undefined, { partnerId: t.partnerId }, "partner:view"));
    expect((await copilotSettings(ctx)).environment).toBe("uat");
    // https://accountsuat.cardconnect.com is unreachable offline: the token comes from the emulator behind that host.
    const tested = await asAdmin(() => testCopilotConnectionAction({ partnerId: t.partnerId }));
    expect(tested).toMatchObject({ ok: true, data: { environment: "uat", username: user.username } });
    // The copilot client really targets the UAT hosts.
    const { copilotHosts } = await import("@/lib/copilot");
    expect(copilotHosts("uat")).toEqual({
      accounts: "https://accountsuat.cardconnect.com",
      api: "https://api-uat.cardconnect.com",
    });
  });
});
