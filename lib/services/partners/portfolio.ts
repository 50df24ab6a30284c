import { listPortfolio } from "@/db/queries/merchants";
import { addDays, today } from "@/lib/dates";
import type { portfolioFilters } from "@/lib/validations/partners";
import type { z } from "zod";

type Query = Parameters<typeof listPortfolio>[0];

/**
 * The portfolio as the page and its CSV show it: the partner's merchants (an agent's assigned ones only) with the
 * filters of the page and their last 30 days of volume.
 */
export function portfolio(
  ctx: Pick<Query, "partnerId" | "agentUserId">,
  q: z.infer<typeof portfolioFilters>,
  window: Pick<Query, "limit" | "offset">,
) {
  return listPortfolio({
    partnerId: ctx.partnerId,
    agentUserId: ctx.agentUserId,
    search: q.q,
    gateway: q.gateway,
    status: q.status,
    stage: q.stage,
    activity: q.activity,
    since: addDays(today(), -29),
    ...window,
  });
}
