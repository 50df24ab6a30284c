/** Small response/request helpers shared by the three emulated services. */

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function text(body: string, status = 200, contentType = "text/plain"): Response {
  return new Response(body, { status, headers: { "content-type": contentType } });
}

export class BadJson extends Error {}

/** Parses a JSON object body; empty body is `{}`. Anything else that is not an object is BadJson. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const raw = await req.text();
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadJson("malformed JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new BadJson("body must be a JSON object");
  return parsed as Record<string, unknown>;
}

/** Gateway fields are strings on the wire, but clients send numbers and booleans too: read them as strings. */
export function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

export function flag(body: Record<string, unknown>, key: string): boolean {
  const v = str(body, key);
  return v !== undefined && /^(y|yes|true|1)$/i.test(v.trim());
}

export function basicAuth(req: Request): { username: string; password: string } | undefined {
  const h = req.headers.get("authorization");
  const m = h?.match(/^Basic\s+(.+)$/i);
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return undefined;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/** Origin as the client saw it (behind a proxy the forwarded headers win). */
export function publicOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (host) return `${proto || url.protocol.replace(":", "")}://${host}`;
  return url.origin;
}
