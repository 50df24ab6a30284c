import { GiftCardBatchReport } from "@/components/gift-cards/batch-report";
import { GiftCardConsole } from "@/components/gift-cards/gift-card-console";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { firstValue, merchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { merchantRoleCan } from "@/lib/auth/permissions";
import { isGatewayError, userMessage } from "@/lib/gateway/errors";
import type { GiftCardBatch } from "@/lib/giftcard/types";
import { log } from "@/lib/log";
import { giftCardStoreFor } from "@/lib/services/gift-cards/store";
import { giftCardBatchDateSchema } from "@/lib/validations/gift-cards";

export default async function GiftCardsPage(props: MerchantPageProps) {
  const { ctx, query } = await merchantPage(props);
  const date = giftCardBatchDateSchema.parse(firstValue(query.date));
  const header = (
    <PageHeader
      title="Gift cards"
      description="Check balances, sell and reload cards, take payments, and see the store's daily batch."
    />
  );
  const store = await giftCardStoreFor(ctx.merchant.id);
  if (!store) {
    return (
      <div className="mx-auto max-w-6xl">
        {header}
        <EmptyState title="Gift cards are not set up for this merchant">
          Ask your partner to connect a POSPointe gift-card store to this account.
        </EmptyState>
      </div>
    );
  }
  let batch: GiftCardBatch | null = null;
  let batchError: string | null = null;
  try {
    batch = await store.batch(date);
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    log().warn({ err, merchantId: ctx.merchant.id }, "gift card batch unavailable");
    batchError = userMessage(err);
  }
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      {header}
      <GiftCardConsole merchantId={ctx.merchant.id} canUse={merchantRoleCan(ctx.role, "giftcards:use")} />
      {batch ? (
        <GiftCardBatchReport batch={batch} date={date ?? today} />
      ) : (
        <Alert tone="error" title="The store batch could not be loaded">
          {batchError}
        </Alert>
      )}
    </div>
  );
}
