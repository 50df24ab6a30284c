import { partnerRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/csv";
import { portfolio } from "@/lib/services/partners/portfolio";
import { portfolioFilters } from "@/lib/validations/partners";

export const dynamic = "force-dynamic";

/** The portfolio as CSV, with the same filters as the page (agents: their assigned merchants only). */
export const GET = partnerRoute("partner:export", async (req, ctx) => {
  const q = portfolioFilters.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { rows } = await portfolio(ctx, q, { limit: 100_000 });
  return csvResponse(
    "portfolio.csv",
    [
      "merchant_id",
      "name",
      "gateway",
      "environment",
      "mid",
      "copilot_mid",
      "status",
      "boarding_stage",
      "volume_30d_cents",
      "approved_30d",
      "declined_30d",
      "approval_rate_30d",
      "created_at",
    ],
    rows.map((m) => {
      const hasData = m.days > 0;
      const n = m.approved + m.declined;
      return [
        m.id,
        m.name,
        m.gateway,
        m.environment,
        m.mid,
        m.copilotMid,
        m.status,
        m.stage,
        hasData ? m.volume : "",
        hasData ? m.approved : "",
        hasData ? m.declined : "",
        hasData && n > 0 ? (m.approved / n).toFixed(4) : "",
        m.createdAt.toISOString(),
      ];
    }),
  );
});
