/** One sandbox gateway account: the merchant a pair of API keys belongs to. */
export interface Account {
  id: string;
  merchantId: string;
  apiKey: string;
  publicKey: string;
  name: string;
  /** Daily batch close, "HH:MM" in UTC on the account's simulated clock. */
  batchTime: string;
}

export interface RouteCtx {
  req: Request;
  /** For `auth: "none"` routes this is a placeholder with empty ids (the handler resolves its own account). */
  account: Account;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or null when there is none (multipart handlers read `req` themselves). */
  body: unknown;
  /** The account's simulated now. */
  now: Date;
  /** Public origin for absolute links (honours x-forwarded-host/proto). */
  origin: string;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path after /sandbox/gateway, with `:name` segments, e.g. "/api/recurring/addon/:id". */
  path: string;
  /** private: `api_` key only; public: `pub_` or `api_` key; none: no Authorization needed. */
  auth: "private" | "public" | "none";
  handle(ctx: RouteCtx): Promise<Response>;
}
