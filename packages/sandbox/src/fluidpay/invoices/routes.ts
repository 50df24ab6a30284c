import type { Route } from "../core/types";
import { invoiceActionRoutes } from "./actions";
import { invoiceCrudRoutes } from "./crud";
import { hostedInvoiceRoutes } from "./hosted-page";
import { invoicePayRoutes } from "./pay-route";
import { invoiceSearchRoutes } from "./search";

/** Every `/api/invoice*` endpoint plus the hosted invoice page at /sandbox/gateway/invoice/<public_hash>. */
export const invoiceRoutes: Route[] = [
  ...invoiceCrudRoutes,
  ...invoiceSearchRoutes,
  ...invoiceActionRoutes,
  ...invoicePayRoutes,
  ...hostedInvoiceRoutes,
];
