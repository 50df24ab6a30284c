import { ok } from "../core/envelope";
import { q } from "../core/schema";
import type { Route } from "../core/types";

export const terminalRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/terminals",
    auth: "private",
    async handle({ account }) {
      const r = await q<{ data: Record<string, unknown> }>(
        `select data from sandbox_gateway.terminals where account_id = $1 order by tpn`,
        [account.id],
      );
      const data = r.rows.map((x) => x.data);
      return ok(data, data.length);
    },
  },
];
