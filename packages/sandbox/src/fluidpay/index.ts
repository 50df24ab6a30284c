import { withLatency } from "../latency";
import { createAccount, type CreatedAccount } from "./core/accounts";
import { registerClockHook } from "./core/clock";
import { createRouter } from "./core/router";
import type { Route } from "./core/types";
import { controlRoutes } from "./control/routes";
import { feeRoutes } from "./fees/routes";
import { fileBatchRoutes } from "./filebatch/routes";
import { invoiceRoutes } from "./invoices/routes";
import { recurringRoutes } from "./recurring/routes";
import { batchCloseHook } from "./settlement/close";
import { settlementRoutes } from "./settlement/routes";
import { terminalRoutes } from "./terminals/routes";
import { tokenizerRoutes } from "./tokenizer/routes";
import { transactionRoutes } from "./transactions/routes";
import { vaultRoutes } from "./vault/routes";

// Registered after the recurring module's imports ran, so on each simulated day subscriptions are
// billed first and the day's batch then settles them.
registerClockHook("batch-close", batchCloseHook);

export const routes: Route[] = [
  ...transactionRoutes,
  ...settlementRoutes,
  ...terminalRoutes,
  ...vaultRoutes,
  ...feeRoutes,
  ...fileBatchRoutes,
  ...tokenizerRoutes,
  ...recurringRoutes,
  ...invoiceRoutes,
  ...controlRoutes,
];

/** The Gateway API 1.5.1 sandbox as a Web-standard handler, mounted at /sandbox/gateway. */
export const handler = withLatency(createRouter(routes));

/** Creates a sandbox gateway account in-process (the portal's demo seed uses this). */
export function createSandboxAccount(opts?: { name?: string }): Promise<CreatedAccount> {
  return createAccount({ name: opts?.name });
}
