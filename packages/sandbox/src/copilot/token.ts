import { randomUUID } from "node:crypto";
import { json, requestOrigin } from "./http";
import { signToken, verifyToken } from "./jwt";
import { checkClientSecret, findUser, findUserByCredentials, userNow, type CoPilotUser } from "./users";

/**
 * The Keycloak token endpoint of the accounts host: form-encoded password and refresh_token grants
 * for client `merchapi`. Errors use the OAuth2 shape `{error, error_description}`.
 */

const oauthError = (status: number, error: string, description: string) =>
  json({ error, error_description: description }, status);

function issue(req: Request, user: CoPilotUser, sessionState: string): Response {
  const now = Math.floor(userNow(user).getTime() / 1000);
  const base = {
    sub: user.id,
    iat: now,
    session_state: sessionState,
    preferred_username: user.username,
    iss: `${requestOrigin(req)}/sandbox/copilot/accounts/auth/realms/cardconnect`,
    azp: "merchapi",
    scope: "isv",
  };
  return json({
    access_token: signToken({ ...base, typ: "Bearer", exp: now + user.accessLifetime }),
    expires_in: user.accessLifetime,
    refresh_expires_in: user.refreshLifetime,
    refresh_token: signToken({ ...base, typ: "Refresh", exp: now + user.refreshLifetime }),
    token_type: "bearer",
    "not-before-policy": 0,
    session_state: sessionState,
    scope: "isv",
  });
}

export async function tokenEndpoint(req: Request): Promise<Response> {
  if (req.method !== "POST") return oauthError(405, "invalid_request", "HTTP method not allowed; use POST");
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  const form = new URLSearchParams(await req.text());
  const grant = form.get("grant_type");
  if (!grant) return oauthError(400, "invalid_request", "Missing form parameter: grant_type");
  if (form.get("client_id") !== "merchapi") return oauthError(401, "invalid_client", "Invalid client credentials");
  const secret = form.get("client_secret") ?? "";

  if (grant === "password") {
    const user = await findUserByCredentials(form.get("username") ?? "", form.get("password") ?? "");
    if (!user) return oauthError(401, "invalid_grant", "Invalid user credentials");
    if (!(await checkClientSecret(user.id, secret)))
      return oauthError(401, "invalid_client", "Invalid client or Invalid client credentials");
    return issue(req, user, randomUUID());
  }

  if (grant === "refresh_token") {
    const claims = verifyToken(form.get("refresh_token") ?? "");
    if (!claims || claims.typ !== "Refresh") return oauthError(400, "invalid_grant", "Invalid refresh token");
    const user = await findUser(claims.sub);
    if (!user) return oauthError(400, "invalid_grant", "Invalid refresh token");
    if (!(await checkClientSecret(user.id, secret)))
      return oauthError(401, "invalid_client", "Invalid client or Invalid client credentials");
    if (claims.exp <= Math.floor(userNow(user).getTime() / 1000))
      return oauthError(400, "invalid_grant", "Token is not active");
    return issue(req, user, claims.session_state);
  }

  return oauthError(400, "unsupported_grant_type", `Unsupported grant_type ${grant}`);
}

export type BearerResult = { user: CoPilotUser } | { error: string };

/** Resolves `Authorization: Bearer` to its user, checking expiry on that user's simulated clock. */
export async function authenticate(req: Request): Promise<BearerResult> {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { error: "Full authentication is required to access this resource" };
  const claims = verifyToken(m[1]!);
  if (!claims || claims.typ !== "Bearer") return { error: "Invalid access token" };
  const user = await findUser(claims.sub);
  if (!user) return { error: "Invalid access token" };
  if (claims.exp <= Math.floor(userNow(user).getTime() / 1000)) return { error: "Access token expired" };
  return { user };
}
