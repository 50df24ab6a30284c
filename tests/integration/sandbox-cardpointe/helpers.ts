import { handler } from "@portal/sandbox/cardpointe";
import { serve, type Served } from "@/tests/helpers/serve";

export interface TestMerchant {
  merchid: string;
  site: string;
  environment: "uat" | "prod";
  username: string;
  password: string;
  terminal_api_key: string;
  hsn: string;
  hsns: { hsn: string; behavior: "approve" | "decline" | "timeout"; device_type: string }[];
}

/** A served sandbox plus typed helpers for the three services. */
export class Sandbox {
  private constructor(readonly s: Served) {}
  static async start(): Promise<Sandbox> {
    return new Sandbox(await serve(handler));
  }
  close() {
    return this.s.close();
  }
  get url() {
    return this.s.url;
  }

  async control(action: string, body: unknown): Promise<Response> {
    return fetch(`${this.url}/sandbox/cardpointe/_control/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  async merchant(
    opts: { site?: string; environment?: "uat" | "prod"; terminal_delay_ms?: number; processor?: "FNOR" | "RPCT" } = {},
  ) {
    const r = await this.control("merchants", { terminal_delay_ms: 50, ...opts });
    if (r.status !== 201) throw new Error(`merchant creation failed: ${r.status} ${await r.text()}`);
    return (await r.json()) as TestMerchant;
  }

  prefix(m: Pick<TestMerchant, "site" | "environment">) {
    return m.environment === "uat" ? `${m.site}-uat` : m.site;
  }

  rest(m: TestMerchant, path: string) {
    return `${this.url}/sandbox/cardpointe/${this.prefix(m)}/cardconnect/rest/${path}`;
  }

  authHeader(m: Pick<TestMerchant, "username" | "password">) {
    return `Basic ${Buffer.from(`${m.username}:${m.password}`).toString("base64")}`;
  }

  /** PUT (or POST) a gateway verb as the merchant, merchid added. */
  async gw(m: TestMerchant, verb: string, body: Record<string, unknown>, method: "PUT" | "POST" = "PUT") {
    const r = await fetch(this.rest(m, verb), {
      method,
      headers: { "content-type": "application/json", authorization: this.authHeader(m) },
      body: JSON.stringify({ merchid: m.merchid, ...body }),
    });
    if (r.status !== 200) throw new Error(`${verb}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as Record<string, string> & Record<string, unknown>;
  }

  async get(m: TestMerchant, path: string) {
    return fetch(this.rest(m, path), { headers: { authorization: this.authHeader(m) } });
  }

  async tokenize(m: Pick<TestMerchant, "site" | "environment">, body: Record<string, unknown>) {
    const r = await fetch(`${this.url}/sandbox/cardpointe/${this.prefix(m)}/cardsecure/api/v1/ccn/tokenize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as { message: string; errorcode: number; token?: string } };
  }

  async terminal(
    m: TestMerchant,
    endpoint: string,
    body: Record<string, unknown>,
    opts: { session?: string; version?: string; auth?: string } = {},
  ) {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      authorization: opts.auth ?? m.terminal_api_key,
    };
    if (opts.session) headers["x-cardconnect-sessionkey"] = opts.session;
    return fetch(`${this.url}/sandbox/cardpointe/${this.prefix(m)}/api/${opts.version ?? "v3"}/${endpoint}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ merchantId: m.merchid, ...body }),
    });
  }

  /** connect → the session key (without `;expires`). */
  async connect(m: TestMerchant, hsn: string, force = true): Promise<string> {
    const r = await this.terminal(m, "connect", { hsn, force }, { version: "v2" });
    if (r.status !== 200) throw new Error(`connect: ${r.status} ${await r.text()}`);
    return r.headers.get("x-cardconnect-sessionkey")!.split(";")[0]!;
  }
}

/** Next year's December as MMYY. */
export const EXPIRY = `12${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, "0")}`;
