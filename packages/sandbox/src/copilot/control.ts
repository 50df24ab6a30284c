import { advanceTo, type BoardingStatus } from "./boarding";
import { copilotDateTime } from "./clock";
import { parseFaults, setFaults } from "./faults";
import { json, readJson, str } from "./http";
import { verifyToken } from "./jwt";
import { loadMerchant, saveState, toState } from "./merchant-store";
import { tx } from "./schema";
import {
  advanceClock,
  createUser,
  findUser,
  findUserByCredentials,
  findUserByName,
  setTokenLifetime,
  userNow,
  type CoPilotUser,
} from "./users";

/**
 * Test controls (sandbox mode only): create API users, push a merchant through boarding, shorten
 * token lifetimes, move a user's clock. Plain JSON; errors are `{error}` with a 4xx status.
 */

const fail = (status: number, error: string) => json({ error }, status);

/** Which user a control call is about: `username` in the body, Basic credentials, or a bearer token. */
async function controlUser(req: Request, body: Record<string, unknown>): Promise<CoPilotUser | undefined> {
  const name = str(body.username);
  if (name) return findUserByName(name);
  const auth = req.headers.get("authorization") ?? "";
  const basic = /^Basic\s+(\S+)$/i.exec(auth);
  if (basic) {
    const [u, ...p] = Buffer.from(basic[1]!, "base64").toString("utf8").split(":");
    return findUserByCredentials(u ?? "", p.join(":"));
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
  // An expired token still names its user: expiry tests need to move on from there.
  const claims = bearer ? verifyToken(bearer[1]!) : undefined;
  return claims ? findUser(claims.sub) : undefined;
}

const WHO = "name the user with `username` in the body, Basic username:password, or a bearer token";

export async function control(req: Request, segments: string[]): Promise<Response> {
  if (req.method !== "POST") return fail(405, "control endpoints accept POST only");
  const body = await readJson(req).catch(() => undefined);
  if (!body) return fail(400, "body must be a JSON object");
  const [first, second, third] = segments;

  if (first === "users" && segments.length === 1) return json(await createUser(), 201);

  if (first === "merchants" && third === "advance" && segments.length === 3) {
    const to = str(body.to) as BoardingStatus | undefined;
    if (!to || !["SIGNED", "APPROVED", "DECLINED", "BOARDED", "LIVE"].includes(to))
      return fail(400, "to must be one of SIGNED, APPROVED, DECLINED, BOARDED, LIVE");
    if (!second || !/^\d{1,18}$/.test(second)) return fail(404, "merchant not found");
    return tx(async (c) => {
      const owner = await c.query<{ user_id: string }>(
        `select user_id from sandbox_copilot.merchants where merchant_id = $1`,
        [second],
      );
      const user = owner.rows[0] && (await findUser(String(owner.rows[0].user_id)));
      if (!user) return fail(404, "merchant not found");
      const row = await loadMerchant(c, user, second);
      const now = userNow(user);
      const next = advanceTo(toState(row), to, now);
      if (typeof next === "string") return fail(409, next);
      await saveState(c, next);
      if (row.signature_status !== "SIGNED") {
        // Skipping the signing page still leaves a signed application behind, as if the owner had signed.
        const site = row.owner_site_user ?? {};
        const signer = {
          email: site.email ?? null,
          firstName: site.firstName ?? null,
          lastName: site.lastName ?? null,
          ipAddress: "127.0.0.1",
          personalGuaranteeFlg: false,
        };
        await c.query(
          `update sandbox_copilot.merchants set signature_status = 'SIGNED', signed_at = $2, signer = $3 where merchant_id = $1`,
          [second, now, JSON.stringify(signer)],
        );
      }
      return json({
        merchantId: second,
        boardingProcessStatusCd: next.status,
        gatewayBoardingStatusCd: next.frontEndMid ? "BOARDED" : "NOT_BOARDED",
        frontEndMid: next.frontEndMid,
      });
    });
  }

  if (first === "token-lifetime" && segments.length === 1) {
    const seconds = Number(body.seconds);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
      return fail(400, "seconds must be a whole number from 1 to 86400");
    const refresh = body.refresh_seconds === undefined ? undefined : Number(body.refresh_seconds);
    if (refresh !== undefined && (!Number.isInteger(refresh) || refresh < 1 || refresh > 604_800))
      return fail(400, "refresh_seconds must be a whole number from 1 to 604800");
    const user = await controlUser(req, body);
    if (!user) return fail(400, `unknown user: ${WHO}`);
    await setTokenLifetime(user.id, seconds, refresh);
    return json({
      username: user.username,
      access_token_seconds: seconds,
      refresh_token_seconds: refresh ?? Math.max(600, seconds * 2),
    });
  }

  if (first === "clock" && segments.length === 1) {
    const seconds = Number(body.advance_seconds);
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > 10 * 365 * 86_400)
      return fail(400, "advance_seconds must be a non-negative number of seconds (at most ten years)");
    const user = await controlUser(req, body);
    if (!user) return fail(400, `unknown user: ${WHO}`);
    const now = await advanceClock(user.id, seconds);
    return json({ username: user.username, now: now.toISOString(), now_copilot: copilotDateTime(now) });
  }

  if (first === "faults" && segments.length === 1) {
    const f = parseFaults(body);
    if (typeof f === "string") return fail(400, f);
    const user = await controlUser(req, body);
    if (!user) return fail(400, `unknown user: ${WHO}`);
    const now = await setFaults(user.id, f);
    return json({
      username: user.username,
      error_rate: now.errorRate,
      latency_ms: now.latencyMs,
      fail_next: now.failNext,
      status: now.status,
    });
  }

  return fail(404, "unknown control endpoint");
}
