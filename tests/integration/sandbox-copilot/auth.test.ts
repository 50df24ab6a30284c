import { describe, expect, it } from "vitest";
import { harness } from "./helpers";
import { openForFile } from "@/tests/helpers/for-file";

const h = openForFile(harness);

interface TokenBody {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  refresh_expires_in: number;
  token_type: string;
  scope: string;
  session_state: string;
  error?: string;
  error_description?: string;
}

const password = (over: Record<string, string> = {}) => ({
  grant_type: "password",
  client_id: "merchapi",
  client_secret: h.creds.client_secret,
  username: h.creds.username,
  password: h.creds.password,
  ...over,
});

describe("CoPilot token endpoint", () => {
  it("issues JWT-shaped access and refresh tokens for the password grant", async () => {
    const r = await h.tokenRequest(password());
    expect(r.status).toBe(200);
    const b = (await r.json()) as TokenBody;
    expect(b.access_token.split(".")).toHaveLength(3);
    expect(b.refresh_token.split(".")).toHaveLength(3);
    expect(b).toMatchObject({ expires_in: 300, refresh_expires_in: 600, token_type: "bearer", scope: "isv" });
    const claims = JSON.parse(Buffer.from(b.access_token.split(".")[1]!, "base64url").toString()) as Record<
      string,
      unknown
    >;
    expect(claims.azp).toBe("merchapi");
    expect(claims.preferred_username).toBe(h.creds.username);
  });

  it("answers invalid_grant 401 on a wrong password or an unknown user", async () => {
    for (const over of [{ password: "wrong" }, { username: "nobody-here" }] as Record<string, string>[]) {
      const r = await h.tokenRequest(password(over));
      expect(r.status).toBe(401);
      expect(((await r.json()) as TokenBody).error).toBe("invalid_grant");
    }
  });

  it("refuses a wrong client secret or client id as invalid_client", async () => {
    const bad = await h.tokenRequest(password({ client_secret: "nope" }));
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as TokenBody).error).toBe("invalid_client");
    const other = await h.tokenRequest(password({ client_id: "someapp" }));
    expect(other.status).toBe(401);
  });

  it("wants a form-encoded body and a known grant type", async () => {
    const r = await fetch(
      h.server.url + "/sandbox/copilot/accounts/auth/realms/cardconnect/protocol/openid-connect/token",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(password()),
      },
    );
    expect(r.status).toBe(400);
    expect(((await r.json()) as TokenBody).error).toBe("invalid_request");
    const g = await h.tokenRequest(password({ grant_type: "client_credentials" }));
    expect(g.status).toBe(400);
    expect(((await g.json()) as TokenBody).error).toBe("unsupported_grant_type");
  });
});

describe("API authentication", () => {
  it("requires a bearer token", async () => {
    const r = await h.api("GET", "/lookup/stateCodes", undefined, { authorization: "" });
    expect(r.status).toBe(401);
    const b = (await r.json()) as { errors: { status: string }[] };
    expect(b.errors[0]?.status).toBe("UNAUTHORIZED");
    const forged = await h.api("GET", "/lookup/stateCodes", undefined, { authorization: `Bearer ${h.token}x` });
    expect(forged.status).toBe(401);
  });

  it("requires X-CopilotAPI-Version 1.0", async () => {
    const missing = await fetch(`${h.server.url}/sandbox/copilot/api/lookup/stateCodes`, {
      headers: { authorization: `Bearer ${h.token}` },
    });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { errors: { code: string; errorField: string; status: string }[] };
    expect(body.errors[0]).toMatchObject({ code: "1003", errorField: "X-CopilotAPI-Version", status: "BAD_REQUEST" });
    const wrong = await h.api("GET", "/lookup/stateCodes", undefined, { "x-copilotapi-version": "2.0" });
    expect(wrong.status).toBe(400);
  });

  it("expires access tokens after 300 simulated seconds and refreshes them within 600", async () => {
    const first = (await (await h.tokenRequest(password())).json()) as TokenBody;
    h.token = first.access_token;
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(200);
    await h.control("/clock", { username: h.creds.username, advance_seconds: 301 });
    const expired = await h.api("GET", "/lookup/stateCodes");
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/expired/);

    const refreshed = await h.tokenRequest({
      grant_type: "refresh_token",
      client_id: "merchapi",
      client_secret: h.creds.client_secret,
      refresh_token: first.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as TokenBody;
    expect(next.session_state).toBe(first.session_state);
    h.token = next.access_token;
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(200);

    await h.control("/clock", { username: h.creds.username, advance_seconds: 300 });
    const stale = await h.tokenRequest({
      grant_type: "refresh_token",
      client_id: "merchapi",
      client_secret: h.creds.client_secret,
      refresh_token: first.refresh_token,
    });
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as TokenBody).error).toBe("invalid_grant");
    h.token = await h.fetchToken();
  });

  it("shortens the token lifetime by control", async () => {
    const set = await h.control("/token-lifetime", { username: h.creds.username, seconds: 5 });
    expect(set.status).toBe(200);
    const b = (await (await h.tokenRequest(password())).json()) as TokenBody;
    expect(b.expires_in).toBe(5);
    h.token = b.access_token;
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(200);
    await h.control("/clock", { username: h.creds.username, advance_seconds: 6 });
    expect((await h.api("GET", "/lookup/stateCodes")).status).toBe(401);
    await h.control("/token-lifetime", { username: h.creds.username, seconds: 300 });
    h.token = await h.fetchToken();
  });

  it("refuses control calls that name no user", async () => {
    const r = await h.control("/token-lifetime", { seconds: 5 });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/username/);
  });
});

describe("lookups", () => {
  it("serves the documented code lists", async () => {
    const r = await h.api("GET", "/lookup/ownershipTypes");
    expect(r.status).toBe(200);
    const b = (await r.json()) as { ownershipTypes: { code: string }[]; errors: null };
    expect(b.errors).toBeNull();
    expect(b.ownershipTypes.map((c) => c.code)).toContain("INDIVSOLE");
    const states = (await (await h.api("GET", "/lookup/stateCodes")).json()) as { stateCodes: unknown[] };
    expect(states.stateCodes).toHaveLength(51);
    const unknown = await h.api("GET", "/lookup/nope");
    expect(unknown.status).toBe(404);
  });

  it("answers 415 to a body that is not JSON", async () => {
    const r = await fetch(`${h.server.url}/sandbox/copilot/api/merchant`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.token}`, "x-copilotapi-version": "1.0", "content-type": "text/xml" },
      body: "<merchant/>",
    });
    expect(r.status).toBe(415);
    const b = (await r.json()) as { errors: { code: string; status: string }[] };
    expect(b.errors[0]).toMatchObject({ code: "1008", status: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("answers 405 for a wrong method and 404 for an unknown path", async () => {
    expect((await h.api("DELETE", "/lookup/stateCodes")).status).toBe(405);
    expect((await h.api("GET", "/nothing/here")).status).toBe(404);
  });
});
