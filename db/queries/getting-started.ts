import { sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";

export interface GettingStartedFacts {
  gatewayConnected: boolean;
  hasCustomer: boolean;
  sentInvoice: boolean;
  hasTeammate: boolean;
}

/**
 * What a new merchant has done of the first steps (the dashboard's "Getting started" panel): gateway credentials
 * stored, a customer in the vault, an invoice sent, and a second person in the team (a member or an open or
 * accepted invitation). One row, each fact an `exists`, scoped to the merchant.
 */
export async function gettingStartedFacts(
  { merchantId }: { merchantId: string },
  db: DbOrTx = getDb(),
): Promise<GettingStartedFacts> {
  const r = await db.execute<{ g: boolean; c: boolean; i: boolean; t: boolean }>(sql`
    select
      exists (select 1 from merchants where id = ${merchantId} and credentials_enc is not null) as g,
      exists (select 1 from customers where merchant_id = ${merchantId} and deleted_at is null) as c,
      exists (select 1 from invoices where merchant_id = ${merchantId} and sent_at is not null) as i,
      ((select count(*) from memberships where merchant_id = ${merchantId}) > 1
        or exists (select 1 from invitations where merchant_id = ${merchantId} and revoked_at is null
                   and declined_at is null and (accepted_at is not null or expires_at > now()))) as t`);
  const row = r.rows[0];
  return {
    gatewayConnected: !!row?.g,
    hasCustomer: !!row?.c,
    sentInvoice: !!row?.i,
    hasTeammate: !!row?.t,
  };
}
