import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { CaughtMessage, MessageStore } from "./store";

/**
 * The catcher's web side, on its own loopback port like the developers' mail catchers (MailHog, Mailpit): a list of
 * everything the demo's SMTP server received, each message's text and HTML parts, and a JSON API. It is not part of
 * the portal: it needs the random token `npm start` prints (kept in an HttpOnly cookie after the first visit), and
 * the portal's /mailbox asks its API only for the signed-in user's own address.
 */

const COOKIE = "catcher_token";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function sameToken(a: string | undefined | null, token: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(token);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieOf(req: http.IncomingMessage): string | undefined {
  return (req.headers.cookie ?? "")
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([k]) => k === COOKIE)?.[1];
}

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-src 'self'; form-action 'self'; base-uri 'none'",
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1e293b;background:#f8fafc}
header{background:#0f172a;color:#fff;padding:12px 24px;display:flex;gap:16px;align-items:center}
header a{color:#cbd5e1} main{padding:24px;max-width:1100px;margin:auto}
table{width:100%;border-collapse:collapse;background:#fff} th,td{padding:8px 10px;border-bottom:1px solid #e2e8f0;text-align:left;vertical-align:top}
th{font-size:12px;text-transform:uppercase;color:#64748b} tr:hover td{background:#f1f5f9} a{color:#1d4ed8}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #e2e8f0;padding:16px}
iframe{width:100%;height:70vh;border:1px solid #e2e8f0;background:#fff} .muted{color:#64748b}
dl{display:grid;grid-template-columns:8rem 1fr;gap:4px 12px;background:#fff;border:1px solid #e2e8f0;padding:12px}
dt{color:#64748b} button{font:inherit}
</style></head><body><header><strong>Demo mail catcher</strong><a href="/">All messages</a>
<span class="muted">Everything the portal sent over SMTP in sandbox mode. Nothing here leaves this computer.</span></header>
<main>${body}</main></body></html>`;
}

function listPage(items: CaughtMessage[], to: string | null): string {
  const rows = items
    .map(
      (m) => `<tr><td class="muted">${esc(new Date(m.receivedAt).toLocaleString("en-US", { timeZone: "UTC" }))} UTC</td>
<td>${esc(m.envelopeTo.join(", "))}</td><td><a href="/messages/${m.id}">${esc(m.subject)}</a></td><td class="muted">${esc(m.from)}</td></tr>`,
    )
    .join("");
  return page(
    "Demo mail catcher",
    `<form method="get" action="/" style="margin-bottom:12px">
<label>Recipient <input name="to" type="email" value="${esc(to ?? "")}" placeholder="owner@acme.test"></label>
<button type="submit">Filter</button> ${to ? '<a href="/">Show all</a>' : ""}</form>
<form method="post" action="/clear" style="margin-bottom:16px"><button type="submit">Delete all messages</button></form>
${
  items.length
    ? `<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th>From</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">No messages yet. Invite someone, send an invoice or ask for a password reset in the portal.</p>'
}`,
  );
}

function messagePage(m: CaughtMessage): string {
  return page(
    m.subject,
    `<h1 style="font-size:20px">${esc(m.subject)}</h1>
<dl><dt>From</dt><dd>${esc(m.from)}</dd><dt>To</dt><dd>${esc(m.to || m.envelopeTo.join(", "))}</dd>
<dt>Received</dt><dd>${esc(m.receivedAt)}</dd><dt>Message-ID</dt><dd>${esc(m.messageId)}</dd><dt>Size</dt><dd>${m.size} bytes</dd></dl>
${m.html ? `<h2 style="font-size:16px">HTML part</h2><iframe sandbox src="/messages/${m.id}/html" title="HTML part"></iframe>` : ""}
<h2 style="font-size:16px">Text part</h2><pre>${esc(m.text)}</pre>`,
  );
}

export async function startCatcherWeb(
  store: MessageStore,
  opts: { port: number; token: string },
): Promise<{ port: number; url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: string, headers: Record<string, string> = PAGE_HEADERS) => {
      res.writeHead(status, headers);
      res.end(body);
    };
    if (url.pathname === "/api/messages" && req.method === "GET") {
      const auth = req.headers.authorization?.replace(/^Bearer\s+/i, "");
      if (!sameToken(auth, opts.token))
        return send(401, '{"error":"unauthorized"}', { "content-type": "application/json" });
      const to = url.searchParams.get("to");
      return send(200, JSON.stringify({ messages: store.list(to ?? undefined).slice(0, 50) }), {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
    }
    const fromQuery = url.searchParams.get("token");
    if (fromQuery !== null) {
      if (!sameToken(fromQuery, opts.token)) return send(401, page("Unauthorized", "<p>That token is not right.</p>"));
      // Trade the token in the address for a cookie and drop it from the address bar.
      return send(303, "", {
        location: "/",
        "set-cookie": `${COOKIE}=${opts.token}; HttpOnly; SameSite=Strict; Path=/`,
        "cache-control": "no-store",
      });
    }
    if (!sameToken(cookieOf(req), opts.token)) {
      return send(
        401,
        page(
          "Unauthorized",
          "<p>Open the address that <code>npm start</code> printed (it carries the access token).</p>",
        ),
      );
    }
    if (url.pathname === "/" && req.method === "GET") {
      const to = url.searchParams.get("to");
      return send(200, listPage(store.list(to ?? undefined), to));
    }
    if (url.pathname === "/clear" && req.method === "POST") {
      store.clear();
      return send(303, "", { location: "/" });
    }
    const m = /^\/messages\/([0-9a-f-]{36})(\/html)?$/.exec(url.pathname);
    const msg = m ? store.get(m[1]!) : undefined;
    if (msg && req.method === "GET") {
      if (m![2])
        return send(200, msg.html, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:",
        });
      return send(200, messagePage(msg));
    }
    return send(404, page("Not found", "<p>No such message.</p>"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
