import { closeDb, getDb } from "@/db/client";
import { isDatabaseEmpty } from "./seed";
import { env } from "@/lib/env";
import { prepareRuntimeOrExit } from "./runtime";
import { seedDemoWithSandboxes } from "./sandbox";

const rt = await prepareRuntimeOrExit({ seed: false });
try {
  if (!env().sandboxEnabled) {
    console.error("Refusing to seed demo data: sandbox mode is off (set SANDBOX=on for a demo database).");
    process.exitCode = 1;
  } else if (!(await isDatabaseEmpty(getDb()))) {
    console.log("Database already has users; demo data not seeded again.");
  } else {
    await seedDemoWithSandboxes();
    console.log("Demo data seeded.");
  }
} finally {
  await closeDb();
  await rt.stop();
}
