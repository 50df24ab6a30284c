import { handler } from "@portal/sandbox/giftcard";
import { serve, type Served } from "@/tests/helpers/serve";

export interface TestCard {
  cardnumber: string;
  securitycode: string;
  balance: number;
  activated: boolean;
}

export interface StoreCreds {
  username: string;
  password: string;
  franchisee_id: string;
  store_id: string;
  cards: TestCard[];
}

export interface GiftHarness {
  server: Served;
  store: StoreCreds;
  call(method: string, path: string, body?: unknown, auth?: string): Promise<Response>;
  token(card: TestCard): Promise<string>;
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;

/** A server and a fresh store (with its own test cards) per test file. */
export async function giftHarness(): Promise<GiftHarness> {
  const server = await serve(handler);
  const created = await fetch(`${server.url}/sandbox/giftcard/_control/stores`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  const store = (await created.json()) as StoreCreds;
  const auth = basic(store.username, store.password);
  const call = (method: string, path: string, body?: unknown, a = auth) =>
    fetch(`${server.url}/sandbox/giftcard${path}`, {
      method,
      headers: { authorization: a, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    server,
    store,
    call,
    token: async (card) => {
      const r = await call("POST", "/v1/Token", { cardnumber: card.cardnumber, securitycode: card.securitycode });
      if (r.status !== 200) throw new Error(`token: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { token: string }).token;
    },
    advance: async (seconds) => {
      const r = await call("POST", "/_control/clock", { advance_seconds: seconds });
      if (r.status !== 200) throw new Error(`clock: ${r.status}`);
    },
    close: () => server.close(),
  };
}
