import { describe, expect, it } from "vitest";
import { CoPilotClient, clearTokenCache, copilotHosts } from "@/lib/copilot";
import { equipmentCatalogResponse } from "@/lib/copilot/types";
import { control, serveBoardingOrigin } from "../boarding/origin";
import { openForFile } from "@/tests/helpers/for-file";

const origin = openForFile(serveBoardingOrigin);

async function newClient() {
  const u = (await control(origin.url, "users", {})) as Record<string, string | number>;
  const client = new CoPilotClient(
    {
      username: String(u.username),
      password: String(u.password),
      clientId: String(u.client_id),
      clientSecret: String(u.client_secret),
      templateId: Number(u.template_id),
    },
    copilotHosts("sandbox"),
  );
  return { client, username: String(u.username) };
}

const catalog = (c: CoPilotClient) => c.request("GET", "/equipmentCatalog/list", equipmentCatalogResponse);
const tokenCalls = () => origin.calls.filter((c) => c.includes("/openid-connect/token")).length;
const apiCalls = () => origin.calls.filter((c) => c.includes("/sandbox/copilot/api/")).length;

describe("CoPilot token handling", () => {
  it("reuses one token across calls while it is fresh", async () => {
    clearTokenCache();
    const { client } = await newClient();
    const before = tokenCalls();
    await catalog(client);
    await catalog(client);
    await catalog(client);
    expect(tokenCalls() - before).toBe(1);
  });

  it("refreshes a short-lived token before it expires, so no call is refused (wizard left open)", async () => {
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
  });

  it("retries once with a new token when CoPilot says the cached one expired (simulated clock moved)", async () => {
    clearTokenCache();
    const { client, username } = await newClient();
    await catalog(client);
    await control(origin.url, "clock", { advance_seconds: 3_600, username });
    const before = origin.calls.length;
    const rows = await catalog(client);
    expect(rows.rows.length).toBeGreaterThan(0);
    const seq = origin.calls.slice(before).map((c) => (c.includes("token") ? "token" : "api"));
    expect(seq).toEqual(["api", "token", "api"]);
  });

  it("sends the version header and bearer token CoPilot requires", async () => {
    const seen: Headers[] = [];
    const { client } = await newClient();
    clearTokenCache();
    const spy = new CoPilotClient(
      (client as unknown as { creds: ConstructorParameters<typeof CoPilotClient>[0] }).creds,
      copilotHosts("sandbox"),
      (url, init) => {
        if (url.includes("/api/")) seen.push(new Headers(init?.headers));
        return fetch(url, init);
      },
    );
    await catalog(spy);
    expect(seen[0]?.get("x-copilotapi-version")).toBe("1.0");
    expect(seen[0]?.get("authorization")).toMatch(/^Bearer \S+\.\S+\.\S+$/);
  });

  it("never mixes hosts: production credentials go to CardConnect's hosts only", () => {
    expect(copilotHosts("production")).toEqual({
      accounts: "https://accounts.cardconnect.com",
      api: "https://api.cardconnect.com",
    });
    expect(copilotHosts("sandbox").api).toBe(`${origin.url}/sandbox/copilot/api`);
  });
});
