"use client";

import type { FieldErrors } from "@/lib/action-result";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import {
  changeGiftCardStatusAction,
  giftCardBalanceAction,
  loadGiftCardAction,
  redeemGiftCardAction,
} from "@/lib/actions/gift-cards";
import type { ActionResult } from "@/lib/action-result";
import type { GiftCardBalance } from "@/lib/giftcard/types";
import { formatMoney } from "@/lib/money";
import type { EnteredCard } from "@/lib/services/gift-cards/operations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { GiftCardEntry } from "./card-entry";
import { cn } from "@/components/ui/cn";
import { formatDateTime, formatDay } from "@/lib/dates";

type Outcome = { tone: "success" | "error" | "warning"; title: string; detail?: string };

const newIntent = () => crypto.randomUUID();

/** Balance check, sell, reload, redeem and status for one card at a time, by its token. */
export function GiftCardConsole({ merchantId, canUse }: { merchantId: string; canUse: boolean }) {
  const [card, setCard] = useState<{ token: string; lastFour: string; expiresAt: string | null } | null>(null);
  const [balance, setBalance] = useState<GiftCardBalance | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [intent, setIntent] = useState(newIntent);
  const [pending, start] = useTransition();
  const [confirmOff, setConfirmOff] = useState<FormData | null>(null);
  const router = useRouter();

  const onEntered = useCallback((c: EnteredCard) => {
    setCard({ token: c.cardToken, lastFour: c.lastFour, expiresAt: c.expiresAt });
    setBalance(c.balance);
    setOutcome(null);
    setFieldErrors({});
  }, []);

  function handle<T>(res: ActionResult<T>, ok: (data: T) => Outcome, after?: (data: T) => void): boolean {
    if (res.ok) {
      setOutcome(ok(res.data));
      setFieldErrors({});
      setIntent(newIntent());
      after?.(res.data);
      // The store batch below is server-rendered: show the new line.
      router.refresh();
      return true;
    }
    setFieldErrors(res.fieldErrors ?? {});
    if (res.fieldErrors?.cardToken) {
      setCard(null);
      setOutcome({ tone: "warning", title: "The card session expired", detail: "Enter the card again to continue." });
      return false;
    }
    setOutcome({
      tone: "error",
      title: res.code === "declined" ? "Declined" : "Not done",
      detail: res.fieldErrors ? "Please correct the highlighted fields." : res.error,
    });
    return false;
  }

  const refresh = () =>
    card &&
    start(async () => {
      const res = await giftCardBalanceAction({ merchantId, cardToken: card.token });
      handle(res, (b) => ({ tone: "success", title: `Balance ${formatMoney(b.balance)}` }), setBalance);
    });

  const submit = (run: (fd: FormData) => Promise<boolean>) => (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    start(async () => {
      if (await run(fd)) form.reset();
    });
  };

  if (!card) {
    return (
      <Card title="Card" description="Type or scan the gift card to start.">
        <div>
          {outcome ? (
            <div className="mb-4">
              <Alert tone={outcome.tone} title={outcome.title}>
                {outcome.detail}
              </Alert>
            </div>
          ) : null}
          {canUse ? (
            <GiftCardEntry merchantId={merchantId} onEntered={onEntered} />
          ) : (
            <p className="text-sm text-slate-600">Your role cannot use gift cards.</p>
          )}
        </div>
      </Card>
    );
  }

  const hidden = (
    <>
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="cardToken" value={card.token} />
      <input type="hidden" name="intentId" value={intent} />
    </>
  );

  return (
    <div className="space-y-6">
      <Card
        title={`Gift card ••••${card.lastFour}`}
        description={
          card.expiresAt
            ? `Card session valid until ${new Date(card.expiresAt).toLocaleTimeString("en-US", { timeStyle: "short" })}`
            : undefined
        }
        actions={
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={refresh} disabled={pending}>
              Refresh balance
            </Button>
            <Button variant="ghost" size="sm" onClick={() => (setCard(null), setBalance(null), setOutcome(null))}>
              Use another card
            </Button>
          </div>
        }
      >
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Balance</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid="gift-balance">
              {balance ? formatMoney(balance.balance) : "—"}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Status</dt>
            <dd className="mt-1">
              {balance?.active ? (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-sm font-medium text-emerald-700 ring-1 ring-emerald-200">
                  Active
                </span>
              ) : (
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200">
                  {balance?.activated === false ? "Not sold yet" : "Inactive"}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Last used</dt>
            <dd className="mt-1 text-sm text-slate-800">
              {balance?.lastUsedAt ? formatDateTime(balance.lastUsedAt) : "Never"}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Expires</dt>
            <dd className="mt-1 text-sm text-slate-800">
              {balance?.expiresAt ? formatDay(new Date(balance.expiresAt)) : "—"}
            </dd>
          </div>
        </dl>
      </Card>

      {outcome ? (
        <Alert tone={outcome.tone} title={outcome.title}>
          {outcome.detail}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Sell or reload" description="Sell activates new card stock with its first load.">
          <form
            className="space-y-4"
            aria-label="Sell or reload"
            onSubmit={submit(async (fd) => {
              const res = await loadGiftCardAction(fd);
              return handle(
                res,
                (r) => ({
                  tone: "success",
                  title: `${fd.get("kind") === "sell" ? "Sold" : "Reloaded"} — new balance ${formatMoney(r.balance)}`,
                  detail: `Reference ${r.hostRef}`,
                }),
                (r) => setBalance((b) => (b ? { ...b, balance: r.balance, active: true, activated: true } : b)),
              );
            })}
          >
            {hidden}
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Transaction</legend>
              <div className="mt-2 flex gap-4 text-sm">
                <label className="flex items-center gap-2">
                  <input type="radio" name="kind" value="reload" defaultChecked={balance?.activated !== false} /> Reload
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="kind" value="sell" defaultChecked={balance?.activated === false} /> Sell new
                  card
                </label>
              </div>
            </fieldset>
            <Field
              name="amount"
              label="Amount"
              inputMode="decimal"
              id="load-amount"
              placeholder="25.00"
              required
              errors={fieldErrors.amount}
            />
            <Button type="submit" disabled={pending || !canUse}>
              Load card
            </Button>
          </form>
        </Card>

        <Card title="Redeem" description="Take a payment from the card.">
          <form
            className="space-y-4"
            aria-label="Redeem"
            onSubmit={submit(async (fd) => {
              const res = await redeemGiftCardAction(fd);
              return handle(
                res,
                (r) => ({
                  tone: r.partial ? "warning" : "success",
                  title: r.partial
                    ? `Partially approved: ${formatMoney(r.approved)} of ${formatMoney(r.requested)}`
                    : `Redeemed ${formatMoney(r.approved)}`,
                  detail: r.partial
                    ? `Collect the remaining ${formatMoney(r.requested - r.approved)} another way. Reference ${r.hostRef}.`
                    : `New balance ${formatMoney(r.newBalance)}. Reference ${r.hostRef}.`,
                }),
                (r) => setBalance((b) => (b ? { ...b, balance: r.newBalance } : b)),
              );
            })}
          >
            {hidden}
            <Field
              name="amount"
              label="Amount"
              inputMode="decimal"
              id="redeem-amount"
              placeholder="10.00"
              required
              errors={fieldErrors.amount}
            />
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="acceptPartial" className="mt-0.5" />
              <span>
                Accept a partial amount
                <span className="block text-xs text-slate-500">
                  If the balance is lower, take all of it instead of declining.
                </span>
              </span>
            </label>
            <Button type="submit" disabled={pending || !canUse}>
              Redeem
            </Button>
          </form>
        </Card>
      </div>

      <Card title="Card status" description="Deactivate a lost or stolen card; it keeps its balance.">
        <form
          className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end"
          aria-label="Card status"
          onSubmit={(e) => {
            e.preventDefault();
            const fd = new FormData(e.currentTarget);
            if (fd.get("active") === "false") setConfirmOff(fd);
            else start(async () => applyStatus(fd));
          }}
        >
          {hidden}
          <input type="hidden" name="active" value={balance?.active ? "false" : "true"} />
          <div>
            <label htmlFor="reason" className="block text-sm font-medium text-slate-800">
              Reason {balance?.active ? "(required)" : "(optional)"}
            </label>
            <input
              id="reason"
              name="reason"
              maxLength={200}
              className={cn("mt-1", inputClass)}
              aria-invalid={fieldErrors.reason ? true : undefined}
              aria-describedby={fieldErrors.reason ? "reason-error" : undefined}
              placeholder={balance?.active ? "Reported lost by the customer" : "Card found"}
            />
            <FieldError id="reason-error" errors={fieldErrors.reason} />
          </div>
          <Button type="submit" variant={balance?.active ? "danger" : "primary"} disabled={pending || !canUse}>
            {balance?.active ? "Deactivate card" : "Activate card"}
          </Button>
        </form>
      </Card>

      <ConfirmDialog
        open={confirmOff !== null}
        title={`Deactivate card ••••${card.lastFour}?`}
        confirmLabel="Deactivate"
        busy={pending}
        onCancel={() => setConfirmOff(null)}
        onConfirm={() => {
          const fd = confirmOff;
          setConfirmOff(null);
          if (fd) start(async () => applyStatus(fd));
        }}
      >
        The card will refuse reloads and redemptions until it is activated again.
      </ConfirmDialog>
    </div>
  );

  async function applyStatus(fd: FormData) {
    const res = await changeGiftCardStatusAction(fd);
    handle(
      res,
      (s) => ({ tone: "success", title: s.active ? "Card activated" : "Card deactivated" }),
      (s) => setBalance((b) => (b ? { ...b, active: s.active, balance: s.balance } : b)),
    );
  }
}
