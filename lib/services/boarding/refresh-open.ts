import { and, asc, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getApplication } from "@/db/queries/boarding";
import { boardingApplications } from "@/db/schema";
import { log } from "@/lib/log";
import { isFinal, syncApplication } from "./refresh-status";

export interface OpenRefreshSummary {
  checked: number;
  changed: number;
  provisioned: number;
  failed: number;
}

/**
 * The background side of boarding: every application submitted to CoPilot and not final yet (not declined,
 * not live-and-provisioned) is refreshed, least recently checked first, so a merchant that goes LIVE is
 * provisioned even when nobody has its timeline open. One failing application (CoPilot down for that partner,
 * credentials refused) is logged and skipped; the next run tries again.
 */
export async function refreshOpenApplications(opts: { limit?: number } = {}): Promise<OpenRefreshSummary> {
  const db = getDb();
  const open = await db
    .select({ partnerId: boardingApplications.partnerId, id: boardingApplications.id })
    .from(boardingApplications)
    .where(
      and(
        isNotNull(boardingApplications.copilotMerchantId),
        notInArray(boardingApplications.status, ["draft", "declined"]),
        sql`not (${boardingApplications.status} = 'live' and ${boardingApplications.merchantId} is not null)`,
        isNull(boardingApplications.provisionedAt),
      ),
    )
    .orderBy(sql`${boardingApplications.lastCheckedAt} asc nulls first`, asc(boardingApplications.createdAt))
    .limit(opts.limit ?? 200);
  const summary: OpenRefreshSummary = { checked: 0, changed: 0, provisioned: 0, failed: 0 };
  for (const row of open) {
    const app = await getApplication({ partnerId: row.partnerId, applicationId: row.id }, db);
    if (!app || isFinal(app)) continue;
    summary.checked++;
    try {
      const after = await syncApplication(app, null);
      if (after.status !== app.status) summary.changed++;
      if (after.merchantId && !app.merchantId) summary.provisioned++;
    } catch (err) {
      summary.failed++;
      log().warn({ err, applicationId: app.id, partnerId: app.partnerId }, "boarding refresh failed");
    }
  }
  if (summary.checked) log().info(summary, "open boarding applications refreshed");
  return summary;
}
