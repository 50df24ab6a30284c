"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import {
  confirmMfaEnrolmentAction,
  disableMfaAction,
  regenerateRecoveryCodesAction,
  startMfaEnrolmentAction,
} from "@/lib/actions/account";
import type { ActionResult } from "@/lib/action-result";
import { RecoveryCodes } from "./recovery-codes";
import { toLoginIfSignedOut } from "./signed-out";
import { StepUpFields } from "./step-up-fields";

export interface MfaStatusView {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

function ErrorText({ error }: { error: Failure | null }) {
  if (!error || error.fieldErrors) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {error.error}
    </p>
  );
}

function Enrol({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();

  if (!enrolment)
    return (
      <div className="space-y-3">
        <ErrorText error={error} />
        <Button
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await startMfaEnrolmentAction({});
              toLoginIfSignedOut(r);
              if (r.ok) setEnrolment(r.data);
              else setError(r);
            })
          }
        >
          {pending ? "Preparing…" : "Set up two-factor authentication"}
        </Button>
      </div>
    );

  return (
    <div className="grid gap-6 md:grid-cols-[auto_1fr]">
      <div>
        <div
          role="img"
          aria-label="QR code to scan with your authenticator app"
          className="h-48 w-48 rounded-md border border-slate-200 bg-white p-2 [&_svg]:h-full [&_svg]:w-full"
          // The SVG is generated on the server by the qrcode library from our own otpauth:// URI.
          dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
        />
      </div>
      <form
        className="max-w-sm space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          start(async () => {
            const r = await confirmMfaEnrolmentAction(fd);
            toLoginIfSignedOut(r);
            if (r.ok) onCodes(r.data.recoveryCodes);
            else setError(r);
          });
        }}
        noValidate
      >
        <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
          <li>Open an authenticator app (1Password, Google Authenticator, Authy, Microsoft Authenticator…).</li>
          <li>Scan the QR code, or enter this key by hand:</li>
        </ol>
        <p
          className="rounded-md bg-slate-50 px-3 py-2 font-mono text-sm tracking-wider break-all text-slate-900 select-all"
          data-testid="mfa-secret"
        >
          {enrolment.secret}
        </p>
        <ErrorText error={error} />
        <Field
          name="code"
          id="enrol-code"
          label="Enter the 6-digit code the app shows"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          errors={error?.fieldErrors?.code}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on"}
        </Button>
      </form>
    </div>
  );
}

function Enabled({ status, onCodes }: { status: MfaStatusView; onCodes: (codes: string[]) => void }) {
  const router = useRouter();
  const [regenError, setRegenError] = useState<Failure | null>(null);
  const [disableError, setDisableError] = useState<Failure | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const disableForm = useRef<HTMLFormElement>(null);
  const low = status.recoveryCodesLeft <= 3;
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        <span className="mr-2 inline-flex items-center rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
          On
        </span>
        Since {status.enabledAt ? new Date(status.enabledAt).toUTCString().replace(/:\d\d GMT$/, " UTC") : "—"} ·{" "}
        <span className={low ? "font-medium text-amber-800" : undefined}>
          {status.recoveryCodesLeft} recovery {status.recoveryCodesLeft === 1 ? "code" : "codes"} left
        </span>
      </p>

      <form
        aria-labelledby="regen-title"
        className="space-y-3 border-t border-slate-100 pt-4"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          start(async () => {
            const r = await regenerateRecoveryCodesAction(fd);
            toLoginIfSignedOut(r);
            if (r.ok) onCodes(r.data.recoveryCodes);
            else setRegenError(r);
          });
        }}
        noValidate
      >
        <h3 id="regen-title" className="text-sm font-medium text-slate-900">
          New recovery codes
        </h3>
        <p className="text-xs text-slate-500">Ten new codes; every earlier code stops working.</p>
        <ErrorText error={regenError} />
        <StepUpFields prefix="regen" fe={regenError?.fieldErrors} />
        <Button type="submit" variant="secondary" disabled={pending}>
          Generate new recovery codes
        </Button>
      </form>

      <form
        ref={disableForm}
        aria-labelledby="disable-title"
        className="space-y-3 border-t border-slate-100 pt-4"
        onSubmit={(e) => {
          e.preventDefault();
          setDisableError(null);
          setConfirming(true);
        }}
        noValidate
      >
        <h3 id="disable-title" className="text-sm font-medium text-slate-900">
          Turn off two-factor authentication
        </h3>
        <p className="text-xs text-slate-500">Your password alone will then be enough to sign in.</p>
        {!confirming ? <ErrorText error={disableError} /> : null}
        <StepUpFields prefix="disable" fe={disableError?.fieldErrors} />
        <Button type="submit" variant="danger" disabled={pending}>
          Turn off
        </Button>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Turn off two-factor authentication?"
        confirmLabel="Turn off"
        busy={pending}
        error={disableError && !disableError.fieldErrors ? disableError.error : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          start(async () => {
            const r = await disableMfaAction(new FormData(disableForm.current ?? undefined));
            toLoginIfSignedOut(r);
            if (r.ok) {
              setConfirming(false);
              router.refresh();
            } else {
              setDisableError(r);
              if (r.fieldErrors) setConfirming(false);
            }
          })
        }
      >
        Your authenticator app and every recovery code stop working for this account. Admins are asked to turn it back
        on.
      </ConfirmDialog>
    </div>
  );
}

export function MfaPanel({ status }: { status: MfaStatusView }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  return status.enabled ? <Enabled status={status} onCodes={setCodes} /> : <Enrol onCodes={setCodes} />;
}
