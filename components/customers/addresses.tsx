"use client";

import type { FieldErrors } from "@/lib/action-result";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert, PanelNotices } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog, useRemoval } from "@/components/ui/confirm-dialog";
import type { CachedAddress } from "@/db/queries/customers";
import { deleteAddressAction, saveAddressAction, setDefaultAddressAction } from "@/lib/actions/customers";
import { AddressFields } from "./address-fields";
import { addressLines } from "./format";

function Badge({ children }: { children: React.ReactNode }) {
  return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{children}</span>;
}

function AddressForm({
  merchantId,
  customerId,
  address,
  onDone,
}: {
  merchantId: string;
  customerId: string;
  address?: CachedAddress;
  onDone: (message: string) => void;
}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, start] = useTransition();
  const idPrefix = `addr-${address?.id ?? "new"}-`;
  return (
    <form
      noValidate
      className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        start(async () => {
          const r = await saveAddressAction(null, fd);
          if (!r.ok) {
            setError(r.error);
            setErrors(r.fieldErrors ?? {});
          } else onDone(address ? "Address updated." : "Address added.");
        });
      }}
    >
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="customerId" value={customerId} />
      {address ? <input type="hidden" name="addressId" value={address.id} /> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <AddressFields values={address} errors={errors} idPrefix={idPrefix} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => onDone("")} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : address ? "Save address" : "Add address"}
        </Button>
      </div>
    </form>
  );
}

export function Addresses({
  merchantId,
  customerId,
  addresses,
  canEdit,
}: {
  merchantId: string;
  customerId: string;
  addresses: CachedAddress[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, start] = useTransition();

  const done = (message: string) => {
    setEditing(null);
    setNotice(message || null);
    if (message) router.refresh();
  };

  const removal = useRemoval<CachedAddress>(
    start,
    (a) => deleteAddressAction({ merchantId, customerId, addressId: a.id }),
    () => done("Address deleted."),
  );

  function setDefault(a: CachedAddress, role: "billing" | "shipping") {
    setError(null);
    start(async () => {
      const r = await setDefaultAddressAction({ merchantId, customerId, addressId: a.id, role });
      if (!r.ok) setError(r.error);
      else done(`Default ${role} address updated.`);
    });
  }

  return (
    <Card
      id="addresses"
      title="Addresses"
      description="Billing and shipping addresses saved with the customer."
      actions={
        canEdit && editing !== "new" ? (
          <Button size="sm" variant="secondary" onClick={() => (setEditing("new"), setNotice(null))}>
            Add address
          </Button>
        ) : null
      }
    >
      <PanelNotices notice={notice} error={error} />
      {editing === "new" ? (
        <div className="mb-4">
          <AddressForm merchantId={merchantId} customerId={customerId} onDone={done} />
        </div>
      ) : null}
      {addresses.length === 0 && editing !== "new" ? (
        <p className="text-sm text-slate-600">No addresses yet.</p>
      ) : (
        <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          {addresses.map((a) =>
            editing === a.id ? (
              <li key={a.id} className="lg:col-span-2">
                <AddressForm merchantId={merchantId} customerId={customerId} address={a} onDone={done} />
              </li>
            ) : (
              <li key={a.id} className="rounded-md border border-slate-200 p-3">
                <div className="mb-1 flex flex-wrap gap-1">
                  {a.isDefaultBilling ? <Badge>Default billing</Badge> : null}
                  {a.isDefaultShipping ? <Badge>Default shipping</Badge> : null}
                </div>
                <address className="text-sm not-italic leading-6 text-slate-800">
                  {addressLines(a).map((line, i) => (
                    <div key={i}>{line}</div>
                  ))}
                  {a.email ? <div className="text-slate-600">{a.email}</div> : null}
                  {a.phone ? <div className="text-slate-600">{a.phone}</div> : null}
                </address>
                {canEdit ? (
                  <div className="mt-2 flex flex-wrap gap-1 border-t border-slate-100 pt-2">
                    <Button size="sm" variant="ghost" onClick={() => (setEditing(a.id), setNotice(null))}>
                      Edit
                    </Button>
                    {!a.isDefaultBilling ? (
                      <Button size="sm" variant="ghost" disabled={busy} onClick={() => setDefault(a, "billing")}>
                        Make default billing
                      </Button>
                    ) : null}
                    {!a.isDefaultShipping ? (
                      <Button size="sm" variant="ghost" disabled={busy} onClick={() => setDefault(a, "shipping")}>
                        Make default shipping
                      </Button>
                    ) : null}
                    <Button {...removal.buttonFor(a)} disabled={busy}>
                      Delete
                    </Button>
                  </div>
                ) : null}
              </li>
            ),
          )}
        </ul>
      )}
      <ConfirmDialog {...removal.dialog} title="Delete this address?" confirmLabel="Delete address" busy={busy}>
        {removal.item ? (
          <p>{addressLines(removal.item).join(", ") || "This address"} will be removed from the customer.</p>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}
