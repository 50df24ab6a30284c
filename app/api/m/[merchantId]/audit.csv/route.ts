import { type AuditRow, iterateAudit } from "@/db/queries/audit";
import { merchantRoute } from "@/lib/auth/route";
import { streamedCsvResponse } from "@/lib/csv";
import { UserError } from "@/lib/errors";
import { actionLabel, changeSummary } from "@/lib/services/settings/audit-summary";
import { parseAuditFilters } from "@/lib/validations/settings";

export const dynamic = "force-dynamic";

const HEADER = [
  "id",
  "time_utc",
  "actor_user_id",
  "actor_name",
  "actor_email",
  "actor_label",
  "action",
  "action_label",
  "target_type",
  "target_id",
  "summary",
  "before",
  "after",
  "ip",
];

function cells(r: AuditRow): (string | number | null)[] {
  return [
    r.id,
    r.at.toISOString(),
    r.actorUserId,
    r.actorName,
    r.actorEmail,
    r.actorLabel,
    r.action,
    actionLabel(r.action),
    r.targetType,
    r.targetId,
    changeSummary(r.before, r.after),
    r.before === null ? null : JSON.stringify(r.before),
    r.after === null ? null : JSON.stringify(r.after),
    r.ip,
  ];
}

/**
 * The merchant's audit log with the page's filters, streamed in keyset chunks (memory stays flat however long
 * the log is). Admins only, like the viewer.
 */
export const GET = merchantRoute("audit:view", async (req, ctx) => {
  const { filters, errors } = parseAuditFilters(Object.fromEntries(new URL(req.url).searchParams));
  if (Object.keys(errors).length) {
    throw new UserError(
      "invalid",
      "Some filters are not valid.",
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]])),
    );
  }
  const chunks = iterateAudit({ merchantId: ctx.merchant.id, filters });
  const day = new Date().toISOString().slice(0, 10);
  return streamedCsvResponse(`audit-log-${day}.csv`, HEADER, chunks, cells);
});
