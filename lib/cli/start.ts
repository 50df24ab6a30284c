import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { DEMO_LOGINS, DEMO_PASSWORD } from "./seed";
import { childEnv, env } from "@/lib/env";
import { mailStartupProblem } from "@/lib/mail/config";
import { startDemoMailCatcher } from "./mail-catcher";
import { prepareRuntimeOrExit } from "./runtime";

/**
 * `npm start`: build when there is no build, migrate, seed an empty sandbox database, serve.
 * Runs on the embedded defaults when DATABASE_URL is unset.
 */
const mode = process.argv.includes("--dev") ? "dev" : "start";
const rt = await prepareRuntimeOrExit({ seed: true });
const mailProblem = mailStartupProblem();
if (mailProblem) {
  console.error(`Cannot start: ${mailProblem}`);
  await rt.stop();
  process.exit(1);
}
// Sandbox mode without SMTP_URL: mail really travels over SMTP, to a catcher on loopback (lib/mail/catcher).
const catcher = await startDemoMailCatcher();
const port = String(env().PORT);
const vars = childEnv({ ...rt.childVars, ...(catcher?.childVars ?? {}), PORT: port, AUTH_TRUST_HOST: "true" });
const nextBin = "node_modules/.bin/next";

if (mode === "start" && !existsSync(".next/BUILD_ID")) {
  console.log("No build found: running `next build` (about a minute)...");
  const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: vars });
  if (build.status !== 0) {
    await catcher?.stop();
    await rt.stop();
    process.exit(build.status ?? 1);
  }
}

const child = spawn(nextBin, [mode, "-p", port], { stdio: ["ignore", "inherit", "inherit"], env: vars });
let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  child.kill("SIGTERM");
  await catcher?.stop();
  await rt.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
child.on("exit", (code) => void shutdown(code ?? 0));

const url = `http://localhost:${port}`;
for (let i = 0; i < 240 && !shuttingDown; i++) {
  try {
    const r = await fetch(`${url}/api/health`);
    if (r.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\nMerchant portal: ${url}`);
if (env().sandboxEnabled) {
  console.log(`Sandboxes: on. Demo logins (password ${DEMO_PASSWORD}):`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(22)} ${l.role.padEnd(15)} ${l.of}`);
}
if (catcher) {
  console.log(`Demo mail catcher (every email the portal sends, on this computer only): ${catcher.openUrl}`);
  console.log(`  SMTP on ${catcher.smtpUrl}; signed-in users also read their own mail at ${url}/mailbox`);
} else if (env().SMTP_URL) {
  console.log(`Mail: sent through ${new URL(env().SMTP_URL as string).host}`);
}
