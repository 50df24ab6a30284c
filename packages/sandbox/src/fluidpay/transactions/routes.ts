import { GatewayError, fail, ok } from "../core/envelope";
import type { Route } from "../core/types";
import { captureTxn, refundTxn, voidTxn } from "./lifecycle";
import { processTransaction } from "./process";
import { searchTransactions } from "./search";
import { loadTxn } from "./store";
import { resolveDueTerminalTxns } from "./terminal";
import { pooled } from "../core/schema";

export const transactionRoutes: Route[] = [
  {
    method: "POST",
    path: "/api/transaction",
    auth: "private",
    async handle({ account, body, now }) {
      const r = await processTransaction(account, body, { source: "api", now });
      return r.error ? fail(r.httpStatus, r.error) : ok(r.data);
    },
  },
  {
    method: "POST",
    path: "/api/transaction/search",
    auth: "private",
    async handle({ account, body, now }) {
      await resolveDueTerminalTxns(account.id);
      const { results, total } = await searchTransactions(account.id, body, now);
      return ok(results, total);
    },
  },
  {
    method: "GET",
    path: "/api/transaction/:id",
    auth: "private",
    async handle({ account, params }) {
      await resolveDueTerminalTxns(account.id);
      const row = await loadTxn(await pooled(), account.id, params.id ?? "");
      if (!row) throw new GatewayError(404, "transaction not found");
      // Documented quirk: a single transaction comes back as a one-element array; its `response` is the nested
      // per-method object (seed 003 L933–L975: `"response": {"card": {…}}`), not the create answer's string.
      const { response_body: body, ...rest } = row.data as typeof row.data & { response_body?: unknown };
      return ok([{ ...rest, response: body ?? {} }], 1);
    },
  },
  {
    method: "POST",
    path: "/api/transaction/:id/capture",
    auth: "private",
    async handle({ account, params, body, now }) {
      return ok(await captureTxn(account, params.id ?? "", body, now));
    },
  },
  {
    method: "POST",
    path: "/api/transaction/:id/void",
    auth: "private",
    async handle({ account, params, now }) {
      await voidTxn(account, params.id ?? "", now);
      return ok(null);
    },
  },
  {
    method: "POST",
    path: "/api/transaction/:id/refund",
    auth: "private",
    async handle({ account, params, body, now }) {
      return ok(await refundTxn(account, params.id ?? "", body, now));
    },
  },
];
