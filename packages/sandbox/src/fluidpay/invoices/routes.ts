import type { Route } from "../core/types";
import { invoiceCrudRoutes } from "./crud";
import { hostedInvoiceRoutes } from "./hosted-page";
import { invoiceSearchRoutes } from "./search";

/** Every `/api/invoice*` endpoint plus the hosted invoice page at /sandbox/gateway/invoice/<public_hash>. */
export const invoiceRoutes: Route[] = [...invoiceCrudRoutes, ...invoiceSearchRoutes, ...hostedInvoiceRoutes];
