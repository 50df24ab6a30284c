"use client";

import type { FieldErrors } from "@/lib/action-result";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { saveBoardingDraftAction, submitBoardingApplicationAction } from "@/lib/actions/boarding";
import {
  BANK_ACCOUNT_TYPES,
  type BoardingDraft,
  OWNER_TITLES,
  OWNERSHIP_TYPES,
  PRICING_PLANS,
  STATE_CODES,
  STEP_OF_FIELD,
  TIME_ZONES,
} from "@/lib/validations/boarding";
import { type Values, emptyOwner, initialValues, toPayload } from "./wizard-state";
import { cn } from "@/components/ui/cn";

export interface CatalogItem {
  equipmentId: number;
  equipmentName: string;
  make: string | null;
  equipmentTypeCd: string | null;
  defaultPrice: number | null;
}

const STEPS = ["Business", "Owners", "Bank account", "Processing", "Pricing", "Equipment", "Review"] as const;

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
  const setOwner = (i: number, key: keyof Values["owners"][number], value: string) =>
    setValues((v) => ({ ...v, owners: v.owners.map((o, j) => (j === i ? { ...o, [key]: value } : o)) }));
  const err = (name: string) => errors[name];
  const text = (name: keyof Values, label: string, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
    <Field
      name={name}
      label={label}
      value={values[name] as string}
      onChange={(e) => set(name, e.target.value)}
      errors={err(name)}
      {...extra}
    />
  );

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

        {step === 0 && (
          <div className="grid gap-4 sm:grid-cols-2">
            {text("dbaName", "DBA name (doing business as)")}
            {text("legalBusinessName", "Legal business name")}
            {text("taxFilingName", "Tax filing name", { hint: "Letters, digits, spaces, & and - only." })}
            <SelectField
              name="taxFilingMethod"
              label="Tax filing method"
              value={values.taxFilingMethod}
              onChange={(e) => set("taxFilingMethod", e.target.value)}
              errors={err("taxFilingMethod")}
            >
              <option value="EIN">EIN</option>
              <option value="SSN">SSN</option>
            </SelectField>
            <SelectField
              name="ownershipTypeCd"
              label="Ownership type"
              value={values.ownershipTypeCd}
              onChange={(e) => set("ownershipTypeCd", e.target.value)}
              errors={err("ownershipTypeCd")}
            >
              {Object.entries(OWNERSHIP_TYPES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </SelectField>
            {text("taxId", "Tax ID (EIN)", { hint: "9 digits", inputMode: "numeric" })}
            {text("businessStartDate", "Business start date", { placeholder: "MM/DD/YYYY" })}
            {text("businessPhone", "Business phone", { placeholder: "###-###-####" })}
            {text("websiteAddress", "Website", { hint: "Required when you take e-commerce payments." })}
            <SelectField
              name="merchantTimeZone"
              label="Time zone"
              value={values.merchantTimeZone}
              onChange={(e) => set("merchantTimeZone", e.target.value)}
              errors={err("merchantTimeZone")}
            >
              {TIME_ZONES.map((z) => (
                <option key={z}>{z}</option>
              ))}
            </SelectField>
            {text("address1", "Business address")}
            {text("address2", "Address line 2")}
            {text("city", "City")}
            <div className="grid grid-cols-2 gap-4">
              <SelectField
                name="stateCd"
                label="State"
                value={values.stateCd}
                onChange={(e) => set("stateCd", e.target.value)}
                errors={err("stateCd")}
              >
                <option value="">Choose…</option>
                {STATE_CODES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </SelectField>
              {text("zip", "ZIP")}
            </div>
          </div>
        )}

        {step === 1 && (
          <div className="space-y-6">
            {values.owners.map((o, i) => {
              const n = (k: string) => `owners.${i}.${k}`;
              const f = (k: keyof typeof o, label: string, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
                <Field
                  name={n(k)}
                  label={label}
                  value={o[k]}
                  onChange={(e) => setOwner(i, k, e.target.value)}
                  errors={err(n(k))}
                  {...extra}
                />
              );
              return (
                <fieldset key={i} className="rounded-md border border-slate-200 p-4">
                  <legend className="px-1 text-sm font-medium text-slate-700">
                    {i === 0 ? "Principal owner (signs the application)" : `Additional owner ${i}`}
                  </legend>
                  <div className="grid gap-4 sm:grid-cols-2">
                    {f("firstName", "First name")}
                    {f("lastName", "Last name")}
                    {i === 0 &&
                      f("email", "Email", {
                        type: "email",
                        hint: "Receives the signature request and, once live, the portal sign-in link.",
                      })}
                    {f("phone", "Phone", { placeholder: "###-###-####" })}
                    <SelectField
                      name={n("title")}
                      label="Title"
                      value={o.title}
                      onChange={(e) => setOwner(i, "title", e.target.value)}
                      errors={err(n("title"))}
                    >
                      {OWNER_TITLES.map((t) => (
                        <option key={t}>{t}</option>
                      ))}
                    </SelectField>
                    {f("dob", "Date of birth", { placeholder: "MM/DD/YYYY" })}
                    {f("ssn", "SSN", {
                      placeholder: "###-##-####",
                      autoComplete: "off",
                      hint: "Sent to CoPilot on submit; the portal keeps only the last four digits.",
                    })}
                    {f("ownershipPct", "Ownership %", { inputMode: "decimal" })}
                  </div>
                  {i > 0 && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="mt-3"
                      onClick={() => setValues((v) => ({ ...v, owners: v.owners.filter((_, j) => j !== i) }))}
                    >
                      Remove this owner
                    </Button>
                  )}
                </fieldset>
              );
            })}
            {values.owners.length < 5 && (
              <Button
                variant="secondary"
                onClick={() => setValues((v) => ({ ...v, owners: [...v.owners, emptyOwner()] }))}
              >
                Add an owner
              </Button>
            )}
          </div>
        )}

        {step === 2 && (
          <div className="grid gap-4 sm:grid-cols-2">
            {text("bankName", "Bank name")}
            <SelectField
              name="bankAcctTypeCd"
              label="Account type"
              value={values.bankAcctTypeCd}
              onChange={(e) => set("bankAcctTypeCd", e.target.value)}
              errors={err("bankAcctTypeCd")}
            >
              {Object.entries(BANK_ACCOUNT_TYPES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </SelectField>
            {text("bankRoutingNum", "Routing number", { inputMode: "numeric", hint: "9-digit ABA number" })}
            {text("bankAcctNum", "Account number", {
              inputMode: "numeric",
              autoComplete: "off",
              hint: "Deposits and fees use this account. The portal keeps only the last four digits.",
            })}
          </div>
        )}

        {step === 3 && (
          <div className="grid gap-4 sm:grid-cols-3">
            {text("averageMonthlyVolume", "Monthly card volume ($)", { inputMode: "decimal" })}
            {text("averageTicketAmount", "Average ticket ($)", { inputMode: "decimal" })}
            {text("highTicketAmount", "Highest ticket ($)", { inputMode: "decimal" })}
            <p className="text-sm text-slate-600 sm:col-span-3">How customers pay (must add up to 100%):</p>
            {text("swipedPct", "Card present %", { inputMode: "decimal" })}
            {text("keyedPct", "Keyed %", { inputMode: "decimal" })}
            {text("eCommercePct", "E-commerce %", { inputMode: "decimal" })}
            {text("mailOrderPct", "Mail/phone order %", { inputMode: "decimal" })}
          </div>
        )}

        {step === 4 && (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              name="pricingPlan"
              label="Pricing template"
              value={values.pricingPlan}
              onChange={(e) => set("pricingPlan", e.target.value)}
              errors={err("pricingPlan")}
            >
              {Object.entries(PRICING_PLANS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </SelectField>
            <SelectField
              name="gateway"
              label="Gateway once live"
              value={values.gateway}
              onChange={(e) => set("gateway", e.target.value)}
              errors={err("gateway")}
            >
              <option value="cardpointe">CardPointe</option>
              <option value="fluidpay">Gateway (FluidPay family)</option>
            </SelectField>
          </div>
        )}

        {step === 5 && (
          <div>
            {catalogError ? <Alert tone="warning">{catalogError}</Alert> : null}
            {catalog.length === 0 && !catalogError ? (
              <p className="text-sm text-slate-600">The equipment catalog is empty.</p>
            ) : null}
            <ul className="divide-y divide-slate-100">
              {catalog.map((item) => {
                const id = `equipment-${item.equipmentId}`;
                return (
                  <li key={item.equipmentId} className="flex items-center justify-between gap-4 py-2">
                    <label htmlFor={id} className="text-sm">
                      <span className="font-medium">{item.equipmentName}</span>
                      <span className="ml-2 text-slate-500">
                        {item.equipmentTypeCd?.toLowerCase()} · ${(item.defaultPrice ?? 0).toFixed(2)}
                      </span>
                    </label>
                    <input
                      id={id}
                      type="number"
                      min={0}
                      max={999}
                      value={values.equipment[String(item.equipmentId)] ?? "0"}
                      onChange={(e) =>
                        setValues((v) => ({
                          ...v,
                          equipment: { ...v.equipment, [String(item.equipmentId)]: e.target.value },
                        }))
                      }
                      className="w-20 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
                      aria-label={`Quantity of ${item.equipmentName}`}
                    />
                  </li>
                );
              })}
            </ul>
            {err("equipment")?.length ? <p className="mt-2 text-xs text-red-700">{err("equipment")![0]}</p> : null}
          </div>
        )}

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

const last4 = (v: string) => (v ? `••••${v.replace(/\D/g, "").slice(-4)}` : "—");
const dollars = (v: string) => (v && !Number.isNaN(Number(v)) ? `$${Number(v).toLocaleString("en-US")}` : "—");

/** The application as it will be sent; sensitive values shown by their last four digits only. */
function Review({
  values: v,
  catalog,
  onEdit,
}: {
  values: Values;
  catalog: CatalogItem[];
  onEdit: (step: number) => void;
}) {
  const equipment = Object.entries(v.equipment)
    .filter(([, q]) => Number(q) > 0)
    .map(([id, q]) => `${q} × ${catalog.find((c) => String(c.equipmentId) === id)?.equipmentName ?? `#${id}`}`);
  const sections: [string, number, [string, string][]][] = [
    [
      "Business",
      0,
      [
        ["DBA / legal name", `${v.dbaName || "—"} / ${v.legalBusinessName || "—"}`],
        ["Ownership", OWNERSHIP_TYPES[v.ownershipTypeCd as keyof typeof OWNERSHIP_TYPES] ?? v.ownershipTypeCd],
        ["Tax ID", v.taxId ? `${v.taxFilingMethod} ${last4(v.taxId)}` : "—"],
        ["Address", [v.address1, v.city, v.stateCd, v.zip].filter(Boolean).join(", ") || "—"],
        ["Phone", v.businessPhone || "—"],
      ],
    ],
    [
      "Owners",
      1,
      v.owners.map((o, i) => [
        i === 0 ? "Principal" : `Owner ${i + 1}`,
        `${o.firstName} ${o.lastName} · ${o.title} · ${o.ownershipPct || 0}% · SSN ${last4(o.ssn)}${i === 0 && o.email ? ` · ${o.email}` : ""}`,
      ]),
    ],
    [
      "Bank account",
      2,
      [
        [
          "Deposits and fees",
          `${v.bankName || "Bank"} · routing ${v.bankRoutingNum || "—"} · account ${last4(v.bankAcctNum)}`,
        ],
      ],
    ],
    [
      "Processing",
      3,
      [
        [
          "Volume",
          `${dollars(v.averageMonthlyVolume)} a month · average ${dollars(v.averageTicketAmount)} · high ${dollars(v.highTicketAmount)}`,
        ],
        [
          "Channels",
          `present ${v.swipedPct}% · keyed ${v.keyedPct}% · online ${v.eCommercePct}% · MOTO ${v.mailOrderPct}%`,
        ],
      ],
    ],
    [
      "Pricing and equipment",
      4,
      [
        ["Pricing", PRICING_PLANS[v.pricingPlan as keyof typeof PRICING_PLANS] ?? v.pricingPlan],
        ["Gateway", v.gateway === "fluidpay" ? "Gateway (FluidPay family)" : "CardPointe"],
        ["Equipment", equipment.length ? equipment.join(", ") : "none"],
      ],
    ],
  ];
  return (
    <div className="space-y-4 text-sm">
      {sections.map(([title, step, rows]) => (
        <section key={title} className="rounded-md border border-slate-200">
          <div className="flex items-center justify-between border-b border-slate-100 bg-slate-50 px-4 py-2">
            <h3 className="font-medium text-slate-800">{title}</h3>
            <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => onEdit(step)}>
              Edit
            </button>
          </div>
          <dl className="divide-y divide-slate-100">
            {rows.map(([k, val]) => (
              <div key={k} className="grid grid-cols-[10rem_1fr] gap-3 px-4 py-1.5">
                <dt className="text-slate-500">{k}</dt>
                <dd className="text-slate-900">{val}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p className="text-slate-500">
        Submitting sends the application to CoPilot and emails the owner a signature link. You can follow every step on
        the next page.
      </p>
    </div>
  );
}
