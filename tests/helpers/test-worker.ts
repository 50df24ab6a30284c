import { resetEnvCache } from "@/lib/env";

/**
 * A queue worker of the portal (mail, webhooks) running in this test file's process with `env` set (its own queue
 * name: test files share one database); the worker's module is loaded after the environment is set. Returns what
 * stops it and puts the environment back.
 */
export async function startTestWorker(
  env: Record<string, string>,
  load: () => Promise<{ start(): Promise<void>; stop(): Promise<void> }>,
): Promise<() => Promise<void>> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  resetEnvCache();
  const worker = await load();
  const { stopBoss } = await import("@/lib/queue/boss");
  await worker.start();
  return async () => {
    await worker.stop();
    await stopBoss();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  };
}
