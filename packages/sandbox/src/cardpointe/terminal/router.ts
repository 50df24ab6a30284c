import { db } from "../db";
import { injectFault } from "../faults";
import type { HostPrefix } from "../host";
import { BadJson, json, readJsonObject, str } from "../http";
import { newSessionKey } from "../ids";
import { merchantByApiKey, type Merchant, nowFor } from "../merchants";
import { COMMANDS, type CommandContext } from "./commands";
import type { TerminalRow } from "./device";
import { missing, TerminalError } from "./errors";

const SESSION_MS = 10 * 60_000;
/** Endpoints reachable without a session key (v1 ping only checks the terminal's connection). */
const SESSIONLESS = new Set(["listterminals", "terminaldetails", "preconnect", "connect"]);

async function terminalOf(m: Merchant, hsn: string | undefined): Promise<TerminalRow> {
  if (!hsn) throw missing("hsn");
  const r = await (await db()).query<TerminalRow>(`select * from sandbox_cardpointe.terminals where hsn = $1`, [hsn]);
  const t = r.rows[0];
  if (!t || t.merchid !== m.merchid) {
    throw new TerminalError(403, 1, `HSN ${hsn} is not associated with merchant ${m.merchid}`);
  }
  return t;
}

function sessionValid(m: Merchant, t: TerminalRow): boolean {
  return Boolean(t.session_key && t.session_expires_at && new Date(t.session_expires_at) > nowFor(m));
}

async function connect(m: Merchant, t: TerminalRow, body: Record<string, unknown>): Promise<Response> {
  const force = body.force === true || str(body, "force") === "true";
  if (sessionValid(m, t) && !force) throw new TerminalError(500, 1, "Session exists for hsn");
  const key = newSessionKey();
  const expires = new Date(nowFor(m).getTime() + SESSION_MS);
  // force kills other sessions and any in-flight operation on the terminal.
  await (
    await db()
  ).query(
    `update sandbox_cardpointe.terminals set session_key = $2, session_expires_at = $3,
       op_cancelled = (op_id is not null) where hsn = $1`,
    [t.hsn, key, expires],
  );
  return new Response(null, {
    status: 200,
    headers: { "x-cardconnect-sessionkey": `${key};expires=${expires.toISOString()}` },
  });
}

/** `/api/<v1|v2|v3>/<endpoint>` — POST only, `Authorization: <api key>`, session header after connect. */
export async function terminalRoute(req: Request, host: HostPrefix, segs: string[]): Promise<Response> {
  try {
    const [version = "", endpoint = ""] = segs;
    if (!/^v[123]$/.test(version) || segs.length !== 2) throw new TerminalError(404, 1, "Not Found");
    const method = req.method.toUpperCase();
    if (method !== "POST") throw new TerminalError(500, 1, `Request method '${method}' not supported`);
    const ep = endpoint.toLowerCase();
    const command = COMMANDS[ep];
    if (!command && !SESSIONLESS.has(ep) && ep !== "disconnect" && ep !== "ping") {
      throw new TerminalError(404, 1, "Not Found");
    }
    const ct = req.headers.get("content-type") ?? "";
    if (!ct.toLowerCase().includes("application/json")) {
      throw new TerminalError(500, 1, `Content type '${ct || "none"}' not supported`);
    }
    const key = (req.headers.get("authorization") ?? "").replace(/^Basic\s+/i, "").trim();
    const m = key ? await merchantByApiKey(key) : undefined;
    if (!m || m.site !== host.site || m.environment !== host.environment) {
      throw new TerminalError(401, 1, "Unauthorized");
    }
    if (await injectFault(m)) throw new TerminalError(500, 1, "Internal server error");
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req);
    } catch (err) {
      if (err instanceof BadJson) throw new TerminalError(400, 3, "Malformed JSON request");
      throw err;
    }
    const merchantId = str(body, "merchantId");
    if (!merchantId) throw missing("merchantId");
    if (merchantId !== m.merchid) throw new TerminalError(401, 1, "Unauthorized");

    if (ep === "listterminals" || ep === "terminaldetails")
      return await COMMANDS[ep]!({ m, body, version } as CommandContext);
    if (ep === "preconnect") {
      await terminalOf(m, str(body, "hsn"));
      throw new TerminalError(400, 3, "Merchant is not configured for two-factor authentication");
    }
    const t = await terminalOf(m, str(body, "hsn"));
    if (ep === "connect") return await connect(m, t, body);
    if (ep === "ping" && version === "v1") return json({ connected: true });

    const sessionKey = req.headers.get("x-cardconnect-sessionkey")?.split(";")[0]?.trim();
    if (!sessionKey) throw new TerminalError(500, 1, "SessionKey header is required");
    if (!sessionValid(m, t) || sessionKey !== t.session_key) {
      throw new TerminalError(500, 1, `Session key for hsn ${t.hsn} was not valid`);
    }
    if (ep === "disconnect") {
      await (
        await db()
      ).query(`update sandbox_cardpointe.terminals set session_key = null, session_expires_at = null where hsn = $1`, [
        t.hsn,
      ]);
      return new Response(null, { status: 200 });
    }
    if (ep === "ping") return json({ connected: true });
    return await command!({ m, t, body, version, host });
  } catch (err) {
    if (err instanceof TerminalError) return err.toResponse();
    throw err;
  }
}
