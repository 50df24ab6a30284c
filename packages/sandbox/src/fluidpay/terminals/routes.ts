import { json } from "../core/envelope";
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
      // Seed 003 L2261–2265: this list answers `"msg": ""` (the other endpoints say "success").
      return json(200, { status: "success", msg: "", total_count: data.length, data });
    },
  },
];
