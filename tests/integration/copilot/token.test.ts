import { describe, expect, it } from "vitest";
import { CoPilotClient, clearTokenCache, copilotHosts } from "@/lib/copilot";
import { equipmentCatalogResponse } from "@/lib/copilot/types";
import { control, serveBoardingOrigin } from "../boarding/origin";
import { openForFile } from "@/tests/helpers/for-file";
import { connectGates, envSet, type ContractTarget } from "@/tests/helpers/contract-targets";

const origin = openForFile(serveBoardingOrigin);

type Creds = ConstructorParameters<typeof CoPilotClient>[0];
type Hosts = ConstructorParameters<typeof CoPilotClient>[1];

async function newClient() {
  const u = (await control(origin.url, "users", {})) as Record<string, string | number>;
  const creds: Creds = {
    username: String(u.username),
    password: String(u.password),
    clientId: String(u.client_id),
    clientSecret: String(u.client_secret),
    templateId: Number(u.template_id),
  };
  const client = new CoPilotClient(creds, copilotHosts("sandbox"));
  return { client, username: String(u.username), creds, hosts: copilotHosts("sandbox") };
}

/**
 * The contract cases run against the emulator (always) and CoPilot UAT (accountsuat / api-uat.cardconnect.com, seed
 * 000 L84) when COPILOT_UAT_CLIENT_ID, COPILOT_UAT_CLIENT_SECRET, COPILOT_UAT_USERNAME and COPILOT_UAT_PASSWORD are
 * set; otherwise those are skipped (counted and printed). Cases that read the emulator's request log or use its
 * `_control` hooks (token lifetime, clock) run on the emulator only.
 */
interface CoPilotTarget extends ContractTarget {
  credentials(): Promise<{ creds: Creds; hosts: Hosts }>;
}
const UAT_VARS = ["COPILOT_UAT_CLIENT_ID", "COPILOT_UAT_CLIENT_SECRET", "COPILOT_UAT_USERNAME", "COPILOT_UAT_PASSWORD"];
const targets: CoPilotTarget[] = [
  { name: "emulator", enabled: true, hasControl: true, credentials: newClient },
  {
    name: "CoPilot UAT (COPILOT_UAT_CLIENT_ID)",
    enabled: envSet(...UAT_VARS),
    hasControl: false,
    enableWith: UAT_VARS.join(", "),
    credentials: async () => ({
      creds: {
        username: process.env.COPILOT_UAT_USERNAME ?? "",
        password: process.env.COPILOT_UAT_PASSWORD ?? "",
        clientId: process.env.COPILOT_UAT_CLIENT_ID ?? "",
        clientSecret: process.env.COPILOT_UAT_CLIENT_SECRET ?? "",
        templateId: Number(process.env.COPILOT_UAT_TEMPLATE_ID ?? 0),
      },
      hosts: copilotHosts("uat"),
    }),
  },
];

const catalog = (c: CoPilotClient) => c.request("GET", "/equipmentCatalog/list", equipmentCatalogResponse);
const tokenCalls = () => origin.calls.filter((c) => c.includes("/openid-connect/token")).length;
const apiCalls = () => origin.calls.filter((c) => c.includes("/sandbox/copilot/api/")).length;

for (const target of targets) {
  describe(`CoPilot token handling · ${target.name}`, () => {
    const { live, sandboxOnly } = connectGates(
      target,
      "they read the emulator's request log or use its _control hooks (token lifetime, clock)",
    );

    sandboxOnly("reuses one token across calls while it is fresh", async () => {
      clearTokenCache();
      const { client } = await newClient();
      const before = tokenCalls();
      await catalog(client);
      await catalog(client);
      await catalog(client);
      expect(tokenCalls() - before).toBe(1);
    });

    sandboxOnly(
      "refreshes a short-lived token before it expires, so no call is refused (wizard left open)",
      async () => {
        clearTokenCache();
        const { client, username } = await newClient();
        await control(origin.url, "token-lifetime", { seconds: 2, username });
        await catalog(client);
        const api0 = apiCalls();
        // The person keeps the wizard open past the token's lifetime; each step still loads.
        await new Promise((r) => setTimeout(r, 2_500));
        const rows = await catalog(client);
        expect(rows.rows.length).toBeGreaterThan(0);
        // One API call: the token was renewed up front, not after a 401.
        expect(apiCalls() - api0).toBe(1);
      },
    );

    sandboxOnly(
      "retries once with a new token when CoPilot says the cached one expired (simulated clock moved)",
      async () => {
        clearTokenCache();
        const { client, username } = await newClient();
        await catalog(client);
        await control(origin.url, "clock", { advance_seconds: 3_600, username });
        const before = origin.calls.length;
        const rows = await catalog(client);
        expect(rows.rows.length).toBeGreaterThan(0);
        const seq = origin.calls.slice(before).map((c) => (c.includes("token") ? "token" : "api"));
        expect(seq).toEqual(["api", "token", "api"]);
      },
    );

    live("sends the version header and bearer token CoPilot requires", async () => {
      const seen: Headers[] = [];
      const { creds, hosts } = await target.credentials();
      clearTokenCache();
      const spy = new CoPilotClient(creds, hosts, (url, init) => {
        if (url.includes("/api/")) seen.push(new Headers(init?.headers));
        return fetch(url, init);
      });
      await catalog(spy);
      expect(seen[0]?.get("x-copilotapi-version")).toBe("1.0");
      expect(seen[0]?.get("authorization")).toMatch(/^Bearer \S+\.\S+\.\S+$/);
    });
  });
}

describe("CoPilot hosts", () => {
  it("never mixes hosts: production credentials go to CardConnect's hosts only", () => {
    expect(copilotHosts("production")).toEqual({
      accounts: "https://accounts.cardconnect.com",
      api: "https://api.cardconnect.com",
    });
    expect(copilotHosts("sandbox").api).toBe(`${origin.url}/sandbox/copilot/api`);
  });
});
