"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteCustomerAction } from "@/lib/actions/customers";

export function DeleteCustomerButton({
  merchantId,
  customerId,
  name,
}: {
  merchantId: string;
  customerId: string;
  name: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, start] = useTransition();
  return (
    <>
      <Button variant="secondary" className="text-red-700" onClick={() => (setOpen(true), setError(null))}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${name}?`}
        confirmLabel="Delete customer"
        busy={busy}
        error={error}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const r = await deleteCustomerAction({ merchantId, customerId });
            if (!r.ok) setError(r.error);
            else router.push(`/m/${merchantId}/customers?deleted=1`);
          })
        }
      >
        <p>
          The customer, their addresses and stored payment methods are deleted from the gateway&apos;s vault. Past
          transactions stay in the transaction history.
        </p>
      </ConfirmDialog>
    </>
  );
}
