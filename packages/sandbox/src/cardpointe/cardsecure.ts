import { brandOf, luhnValid } from "./cards";
import type { HostPrefix } from "./host";
import { BadJson, json, readJsonObject, str } from "./http";
import { detokenize, looksLikeToken, setTokenExpiry, tokenizeAccount } from "./vault";

/**
 * CardSecure `/cardsecure/api/v1/ccn/tokenize` and `/cardsecure/api/v1/echo`. No auth (called from browsers);
 * validation failures are HTTP 200 with a non-zero `errorcode`, malformed JSON is 400.
 */
const ERR = {
  8: "Data not decimal digits",
  13: "Data too long",
  14: "Data empty",
  21: "Data too short",
  24: "Decryption failure",
  48: "Token purged",
  49: "Data not found",
  54: "Luhn check failed",
  56: "Token format bad",
  74: "Missing required parameter",
  76: "JSON deserialization failure",
} as const;

export const cardsecureError = (code: keyof typeof ERR) => ({ message: ERR[code], errorcode: code });

export type TokenizeResult = { token: string; expiry?: string } | { errorcode: keyof typeof ERR; message: string };

/** Shared by the REST endpoint and the hosted iFrame tokenizer. */
export async function tokenize(
  host: HostPrefix,
  input: { account?: string; expiry?: string; unique?: boolean; encryptionhandler?: string },
): Promise<TokenizeResult> {
  if (input.encryptionhandler) return cardsecureError(24);
  const raw = input.account;
  if (raw === undefined) return cardsecureError(74);
  const account = raw.replace(/[\s-]/g, "");
  if (account === "") return cardsecureError(14);
  const expiry = input.expiry && /^\d{4,8}$/.test(input.expiry) ? input.expiry : undefined;
  if (looksLikeToken(account)) {
    // Token update: attach the expiry to an existing token of this site/environment.
    const found = await detokenize(host, account);
    if (!found) return cardsecureError(49);
    if (expiry) await setTokenExpiry(host, account, expiry);
    return { token: account, ...(expiry ? { expiry } : {}) };
  }
  if (account.includes("/")) {
    const [routing, acct] = account.split("/");
    if (!routing || !acct || !/^\d+$/.test(routing) || !/^\d+$/.test(acct)) return cardsecureError(8);
    if (routing.length !== 9 || acct.length < 4) return cardsecureError(21);
    if (acct.length > 17) return cardsecureError(13);
    const t = await tokenizeAccount(host, account, "ach", { unique: input.unique });
    return { token: t.token };
  }
  if (!/^\d+$/.test(account)) return cardsecureError(8);
  if (account.length < 12) return cardsecureError(21);
  if (account.length > 19) return cardsecureError(13);
  if (!luhnValid(account)) return cardsecureError(54);
  if (!brandOf(account)) return cardsecureError(56);
  const t = await tokenizeAccount(host, account, "card", { expiry, unique: input.unique });
  return { token: t.token, ...(t.expiry ? { expiry: t.expiry } : {}) };
}

export async function cardsecureRoute(req: Request, host: HostPrefix, segs: string[]): Promise<Response> {
  // segs: after /cardsecure/api/v1
  const path = segs.join("/").toLowerCase();
  if (path !== "ccn/tokenize" && path !== "echo") return json({ message: "Not Found", errorcode: 49 }, 404);
  if (req.method.toUpperCase() !== "POST") return json({ message: "Method not allowed", errorcode: 76 }, 405);
  let body: Record<string, unknown>;
  try {
    body = await readJsonObject(req);
  } catch (err) {
    if (err instanceof BadJson) return json(cardsecureError(76), 400);
    throw err;
  }
  if (path === "echo") {
    if (!("message" in body)) return json(cardsecureError(74));
    return json({ message: str(body, "message") ?? "", errorcode: 0 });
  }
  if (str(body, "devicedata")) return json(cardsecureError(24));
  const r = await tokenize(host, {
    account: str(body, "account"),
    expiry: str(body, "expiry"),
    unique: body.unique === true || str(body, "unique") === "true",
    encryptionhandler: str(body, "encryptionhandler"),
  });
  if ("errorcode" in r) return json(r);
  return json({ message: "No error", errorcode: 0, token: r.token });
}
