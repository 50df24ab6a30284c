import { closeDb, getDb } from "@/db/client";
import { reencryptSealedColumns } from "@/lib/services/security/reencrypt";
import { prepareRuntimeOrExit } from "./runtime";

/**
 * `npm run credentials:reencrypt`: re-seals stored credentials, TOTP secrets, live pay links kept for the copy button
 * and undelivered mail content under the current CREDENTIALS_KEY,
 * bound to their rows. After a rotation (new CREDENTIALS_KEY, the old one in CREDENTIALS_KEY_PREVIOUS) run it, then
 * drop the old key. Every start runs the same step, so this is for rotating without a restart.
 */
const rt = await prepareRuntimeOrExit({ seed: false, say: () => undefined });
try {
  const r = await reencryptSealedColumns(getDb());
  console.log(
    `Re-sealed: ${r.merchantCredentials} merchant credentials, ${r.partnerCredentials} partner credentials, ` +
      `${r.elasticPathCredentials} Elastic Path store tokens, ` +
      `${r.mfaSecrets} two-factor secrets, ${r.payLinks} pay links, ${r.mailPayloads} queued messages, ` +
      `${r.webhookSecrets} webhook signing secrets.`,
  );
} finally {
  await closeDb();
  await rt.stop();
}
