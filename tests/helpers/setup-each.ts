// Runs in every test worker before its files.
import "@/tests/helpers/no-unhandled";
import { dispatch } from "@portal/sandbox";
import { setSandboxTransport } from "@/lib/sandbox-control";

// Provisioning reaches the sandboxes' `_control` API in process, as the start script's seed does
// (lib/cli/sandbox.ts); tests of the HTTP way put `fetch` back (tests/integration/merchants/provision.test.ts).
setSandboxTransport(dispatch);
