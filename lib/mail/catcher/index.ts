import { randomBytes } from "node:crypto";
import { startCatcherSmtp } from "./smtp";
import { MessageStore } from "./store";
import { startCatcherWeb } from "./web";

/**
 * The demo mail catcher (sandbox mode only): an SMTP server and its web view, both on loopback. Started by the CLI
 * (`npm start` / `npm run dev`, lib/cli/start.ts), never by the portal's request code; the portal sends to it over
 * SMTP like to any mail server.
 */
export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  /** The web view's address with its access token, as printed by `npm start`. */
  openUrl: string;
  apiUrl: string;
  token: string;
  store: MessageStore;
  stop(): Promise<void>;
}

export async function startMailCatcher(opts: { smtpPort?: number; webPort?: number } = {}): Promise<MailCatcher> {
  const store = new MessageStore();
  const token = randomBytes(24).toString("base64url");
  const smtp = await startCatcherSmtp(store, opts.smtpPort ?? 0);
  const web = await startCatcherWeb(store, { port: opts.webPort ?? 0, token }).catch(async (err) => {
    await smtp.stop();
    throw err;
  });
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    webUrl: web.url,
    openUrl: `${web.url}/?token=${token}`,
    apiUrl: web.url,
    token,
    store,
    stop: async () => {
      await Promise.all([smtp.stop(), web.stop()]);
    },
  };
}
