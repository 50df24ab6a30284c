"use client";

import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import type { AddressDraft } from "@/lib/validations/invoices";
import { type EditorPart, Input } from "./input";

export interface BillableCustomer {
  id: string;
  label: string;
  address: AddressDraft;
}

const BILL_FIELDS: { key: keyof AddressDraft; label: string; span?: string; auto?: string }[] = [
  { key: "firstName", label: "First name", auto: "given-name" },
  { key: "lastName", label: "Last name", auto: "family-name" },
  { key: "company", label: "Company", span: "sm:col-span-2", auto: "organization" },
  { key: "email", label: "Email", auto: "email" },
  { key: "phone", label: "Phone", auto: "tel" },
  { key: "line1", label: "Address line 1", span: "sm:col-span-2", auto: "address-line1" },
  { key: "line2", label: "Address line 2", span: "sm:col-span-2", auto: "address-line2" },
  { key: "city", label: "City", auto: "address-level2" },
  { key: "state", label: "State", auto: "address-level1" },
  { key: "postalCode", label: "Postal code", auto: "postal-code" },
  { key: "country", label: "Country", auto: "country" },
];
const PAYABLE_FIELDS: { key: keyof AddressDraft; label: string; span?: string }[] = [
  { key: "company", label: "Your business name", span: "sm:col-span-2" },
  { key: "line1", label: "Your street address", span: "sm:col-span-2" },
  { key: "city", label: "Your city" },
  { key: "state", label: "Your state" },
  { key: "postalCode", label: "Your postal code" },
];

type Who = "billTo" | "payableTo";

function AddressGrid({
  who,
  fields,
  d,
  errors,
  setAddress,
  autoComplete,
}: Pick<EditorPart, "d" | "errors"> & {
  who: Who;
  fields: { key: keyof AddressDraft; label: string; span?: string }[];
  setAddress: (who: Who, k: keyof AddressDraft, v: string) => void;
  autoComplete?: string;
}) {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2">
      {fields.map((f) => (
        <Input
          key={f.key}
          id={`${who}-${f.key}`}
          label={f.label}
          value={d[who][f.key] ?? ""}
          onChange={(v) => setAddress(who, f.key, v)}
          errors={errors(`${who}.${f.key}`)}
          className={f.span}
          autoComplete={autoComplete}
          type={f.key === "email" ? "email" : f.key === "phone" ? "tel" : "text"}
        />
      ))}
    </div>
  );
}

export function BillToSection({
  d,
  errors,
  customers,
  pickCustomer,
  setAddress,
}: Pick<EditorPart, "d" | "errors"> & {
  customers: BillableCustomer[];
  pickCustomer: (id: string) => void;
  setAddress: (who: Who, k: keyof AddressDraft, v: string) => void;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="bill-to">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="bill-to" className="text-sm font-semibold text-slate-900">
          Bill to
        </h2>
        {customers.length ? (
          <div className="min-w-60">
            <label htmlFor="customerId" className="block text-xs font-medium text-slate-600">
              Fill from a saved customer
            </label>
            <select
              id="customerId"
              value={d.customerId}
              onChange={(e) => pickCustomer(e.target.value)}
              className={cn("mt-1", inputClass)}
            >
              <option value="">Typed below (no vault customer)</option>
              {customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <AddressGrid who="billTo" fields={BILL_FIELDS} d={d} errors={errors} setAddress={setAddress} autoComplete="off" />
    </section>
  );
}

export function PayableToSection({
  d,
  errors,
  setAddress,
}: Pick<EditorPart, "d" | "errors"> & { setAddress: (who: Who, k: keyof AddressDraft, v: string) => void }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="payable-title">
      <h2 id="payable-title" className="text-sm font-semibold text-slate-900">
        Payable to
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">Your business address as printed on the invoice.</p>
      <AddressGrid who="payableTo" fields={PAYABLE_FIELDS} d={d} errors={errors} setAddress={setAddress} />
    </section>
  );
}
