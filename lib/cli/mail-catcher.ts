import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, rawEnv, setProcessEnv } from "@/lib/env";
import { type MailCatcher, startMailCatcher } from "@/lib/mail/catcher";

/**
 * The composition point of the demo mail catcher: `npm start` / `npm run dev` start it in sandbox mode when no
 * SMTP_URL is configured, on loopback (MAIL_CATCHER_PORT / MAIL_CATCHER_WEB_PORT, or free ports), and hand the web
 * server its SMTP address and API token. `npm run worker` finds the running one through .data/mail-catcher.json.
 */
const STATE_FILE = ".data/mail-catcher.json";

export async function startDemoMailCatcher(): Promise<{
  childVars: Record<string, string>;
  openUrl: string;
  smtpUrl: string;
  stop(): Promise<void>;
} | null> {
  const e = env();
  if (!e.sandboxEnabled || e.SMTP_URL) return null;
  let catcher: MailCatcher;
  try {
    catcher = await startMailCatcher({ smtpPort: e.MAIL_CATCHER_PORT, webPort: e.MAIL_CATCHER_WEB_PORT });
  } catch (err) {
    console.error(
      `The demo mail catcher could not listen (${(err as Error).message}). Free the port or set MAIL_CATCHER_PORT / ` +
        "MAIL_CATCHER_WEB_PORT, or point SMTP_URL at a mail server.",
    );
    throw err;
  }
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify({ smtpUrl: catcher.smtpUrl, pid: process.pid }), { mode: 0o600 });
  setProcessEnv("SMTP_URL", catcher.smtpUrl);
  return {
    childVars: { SMTP_URL: catcher.smtpUrl, MAIL_CATCHER_API: catcher.apiUrl, MAIL_CATCHER_TOKEN: catcher.token },
    openUrl: catcher.openUrl,
    smtpUrl: catcher.smtpUrl,
    stop: async () => {
      rmSync(STATE_FILE, { force: true });
      await catcher.stop();
    },
  };
}

/** For `npm run worker` in sandbox mode without SMTP_URL: deliver to the catcher `npm start` is running. */
export function attachRunningDemoCatcher(): string | null {
  if (!env().sandboxEnabled || rawEnv("SMTP_URL")) return null;
  try {
    const { smtpUrl } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { smtpUrl?: string };
    if (!smtpUrl) return null;
    setProcessEnv("SMTP_URL", smtpUrl);
    return smtpUrl;
  } catch {
    return null;
  }
}
