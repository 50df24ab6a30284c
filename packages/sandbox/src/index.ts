/**
 * The emulators of the portal's providers (docs/sandbox.md). The portal mounts them only in sandbox mode, through
 * its one composition point (`app/sandbox/[...path]/route.ts` and the start script's seed); it never imports this
 * package anywhere else and reaches the emulators over their HTTP API (`_control` for test hooks).
 */
export { dispatch, mounted, flushRequestLog } from "./mount";
export { closeSandboxPool as closeSandbox } from "./pool";
