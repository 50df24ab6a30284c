/**
 * Next.js start-up hook. Only on the Node.js runtime and never during the build: the start-up checks and the
 * background jobs live in instrumentation-node.ts (imported only here, so the Edge bundle never sees them).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { registerNode } = await import("./instrumentation-node");
    registerNode();
  }
}
