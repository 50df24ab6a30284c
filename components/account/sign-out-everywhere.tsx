"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { signOutEverywhereAction } from "@/lib/actions/account";
import { toLoginIfSignedOut } from "./signed-out";

export function SignOutEverywhere() {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Sign out everywhere
      </Button>
      <ConfirmDialog
        open={open}
        title="Sign out on every device?"
        confirmLabel="Sign out everywhere"
        busy={pending}
        error={error}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const r = await signOutEverywhereAction({});
            toLoginIfSignedOut(r);
            if (r.ok) window.location.assign("/login?signedOut=everywhere");
            else setError(r.error);
          })
        }
      >
        Every browser and device signed in to your account, this one included, is signed out at its next click.
      </ConfirmDialog>
    </>
  );
}
