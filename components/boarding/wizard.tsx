"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FieldErrors } from "@/lib/action-result";
import { saveBoardingDraftAction, submitBoardingApplicationAction } from "@/lib/actions/boarding";
import { type BoardingDraft, STEP_OF_FIELD } from "@/lib/validations/boarding";
import { BankStep, BusinessStep, PricingStep, ProcessingStep } from "./wizard-parts/business-steps";
import { EquipmentStep } from "./wizard-parts/equipment-step";
import type { CatalogItem, StepProps } from "./wizard-parts/fields";
import { OwnersStep } from "./wizard-parts/owners-step";
import { Review } from "./wizard-parts/review";
import { initialValues, toPayload, type Values } from "./wizard-state";

export type { CatalogItem } from "./wizard-parts/fields";

const STEPS = ["Business", "Owners", "Bank account", "Processing", "Pricing", "Equipment", "Review"] as const;

/**
 * The boarding application, one step at a time. This component owns the values, the save/submit actions and the
 * submit intent id; each step is a part under ./wizard that edits the values it is given.
 */
export function BoardingWizard({
  partnerId,
  applicationId: initialId,
  draft,
  catalog,
  catalogError,
}: {
  partnerId: string;
  applicationId?: string;
  draft: BoardingDraft | null;
  catalog: CatalogItem[];
  catalogError?: string;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => initialValues(draft));
  const [applicationId, setApplicationId] = useState(initialId);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, start] = useTransition();
  // One intent per form shown: resubmitting it (double click, retry) creates one object (lib/services/intents.ts).
  const [intentId] = useState(() => crypto.randomUUID());

  const set = (name: keyof Values, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const part: StepProps = { values, set, setValues, err: (name) => errors[name] };

  async function save(): Promise<string | null> {
    const r = await saveBoardingDraftAction({ partnerId, applicationId, ...toPayload(values) });
    if (!r.ok) {
      setErrors(r.fieldErrors ?? {});
      setMessage({ tone: "error", text: r.error });
      return null;
    }
    if (!applicationId) window.history.replaceState(null, "", `/partner/boarding/${r.data.applicationId}`);
    setApplicationId(r.data.applicationId);
    return r.data.applicationId;
  }

  function onSave() {
    start(async () => {
      const id = await save();
      if (id)
        setMessage({
          tone: "success",
          text: "Draft saved. SSNs and account numbers are kept only as their last four digits.",
        });
    });
  }

  function onSubmit() {
    start(async () => {
      setMessage(null);
      const id = await save();
      if (!id) return;
      const r = await submitBoardingApplicationAction({
        partnerId,
        applicationId: id,
        intentId,
        ...toPayload(values),
      });
      if (r.ok) {
        router.push(`/partner/boarding/${id}`);
        router.refresh();
        return;
      }
      const fe = r.fieldErrors ?? {};
      setErrors(fe);
      setMessage({ tone: "error", text: r.error });
      const first = Object.keys(fe).find((k) => k !== "_form");
      if (first) setStep(STEP_OF_FIELD(first));
    });
  }

  const stepHasError = (i: number) => Object.keys(errors).some((k) => k !== "_form" && STEP_OF_FIELD(k) === i);

  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <StepsNav step={step} onStep={setStep} hasError={stepHasError} />
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {message ? (
          <div className="mb-4">
            <Alert tone={message.tone}>
              {message.text}
              {errors._form?.length ? <p className="mt-1">{errors._form[0]}</p> : null}
            </Alert>
          </div>
        ) : null}
        <h2 className="mb-4 text-lg font-semibold">{STEPS[step]}</h2>

        {step === 0 && <BusinessStep {...part} />}
        {step === 1 && <OwnersStep {...part} />}
        {step === 2 && <BankStep {...part} />}
        {step === 3 && <ProcessingStep {...part} />}
        {step === 4 && <PricingStep {...part} />}
        {step === 5 && <EquipmentStep {...part} catalog={catalog} catalogError={catalogError} />}
        {step === 6 && <Review values={values} catalog={catalog} onEdit={setStep} />}

        <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <div className="flex gap-2">
            <Button variant="secondary" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
              Back
            </Button>
            {step < STEPS.length - 1 && <Button onClick={() => setStep((s) => s + 1)}>Next</Button>}
          </div>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={onSave} disabled={pending}>
              Save draft
            </Button>
            {step === STEPS.length - 1 && (
              <Button onClick={onSubmit} disabled={pending}>
                {pending ? "Submitting…" : "Submit to CoPilot"}
              </Button>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function StepsNav({
  step,
  onStep,
  hasError,
}: {
  step: number;
  onStep: (i: number) => void;
  hasError: (i: number) => boolean;
}) {
  const stepHasError = hasError;
  const setStep = onStep;
  return (
    <nav aria-label="Application steps">
      <ol className="space-y-1">
        {STEPS.map((label, i) => (
          <li key={label}>
            <button
              type="button"
              onClick={() => setStep(i)}
              aria-current={i === step ? "step" : undefined}
              className={cn(
                "flex w-full items-center gap-3 rounded-md px-3 py-2 text-left text-sm",
                i === step ? "bg-brand-50 font-medium text-brand-800" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              <span
                className={cn(
                  "flex h-6 w-6 items-center justify-center rounded-full text-xs",
                  stepHasError(i)
                    ? "bg-red-100 text-red-700"
                    : i === step
                      ? "bg-brand-600 text-white"
                      : "bg-slate-200 text-slate-700",
                )}
              >
                {stepHasError(i) ? "!" : i + 1}
              </span>
              {label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
