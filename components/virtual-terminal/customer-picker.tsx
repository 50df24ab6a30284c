"use client";

import { useEffect, useState, useTransition } from "react";
import { storedMethodLabel } from "@/components/customers/format";
import { inputClass } from "@/components/ui/field";
import { customerPaymentOptionsAction, searchChargeableCustomersAction } from "@/lib/actions/virtual-terminal";
import { cn } from "@/components/ui/cn";

export interface PickedCustomer {
  id: string;
  name: string | null;
  email: string | null;
  paymentMethods: {
    id: string;
    kind: string;
    cardBrand: string | null;
    masked: string | null;
    lastFour: string | null;
    expiration: string | null;
    accountType: string | null;
    isDefault: boolean;
  }[];
}

type Option = { id: string; name: string | null; email: string | null; company: string | null };

/** Pick a vault customer (search over the cache) and one of their stored payment methods. */
export function CustomerPicker({
  merchantId,
  customer,
  onCustomer,
  methodId,
  onMethod,
  errors,
}: {
  merchantId: string;
  customer: PickedCustomer | null;
  onCustomer: (c: PickedCustomer | null) => void;
  methodId: string | null;
  onMethod: (id: string) => void;
  errors?: string[];
}) {
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<Option[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, start] = useTransition();

  useEffect(() => {
    if (customer) return;
    const timer = setTimeout(() => {
      start(async () => {
        const r = await searchChargeableCustomersAction({ merchantId, q });
        if (r.ok) setOptions(r.data);
        else setError(r.error);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, merchantId, customer]);

  function choose(o: Option) {
    setError(null);
    start(async () => {
      const r = await customerPaymentOptionsAction({ merchantId, customerId: o.id });
      if (!r.ok || !r.data) {
        setError(r.ok ? "That customer is no longer in the vault." : r.error);
        return;
      }
      onCustomer(r.data);
      const def = r.data.paymentMethods.find((m) => m.isDefault) ?? r.data.paymentMethods[0];
      if (def) onMethod(def.id);
    });
  }

  if (customer) {
    return (
      <div className="space-y-3">
        <div className="flex items-center justify-between rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
          <div>
            <p className="text-sm font-medium text-slate-900">{customer.name ?? customer.email ?? customer.id}</p>
            <p className="text-xs text-slate-500">{customer.email ?? customer.id}</p>
          </div>
          <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => onCustomer(null)}>
            Change
          </button>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Payment method</legend>
          {customer.paymentMethods.length === 0 ? (
            <p className="mt-1 text-sm text-amber-800">This customer has no stored payment method.</p>
          ) : (
            <div className="mt-1 space-y-2">
              {customer.paymentMethods.map((m) => (
                <label
                  key={m.id}
                  className="flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 ring-1 ring-inset ring-slate-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500"
                >
                  <input
                    type="radio"
                    name="paymentMethodChoice"
                    value={m.id}
                    checked={methodId === m.id}
                    onChange={() => onMethod(m.id)}
                  />
                  <span className="text-sm">
                    {storedMethodLabel(m)}
                    {m.expiration ? <span className="ml-2 text-xs text-slate-500">exp {m.expiration}</span> : null}
                    {m.isDefault ? <span className="ml-2 text-xs text-brand-700">Default</span> : null}
                  </span>
                </label>
              ))}
            </div>
          )}
        </fieldset>
      </div>
    );
  }

  return (
    <div>
      <label htmlFor="vt-customer-search" className="block text-sm font-medium text-slate-800">
        Find a customer
      </label>
      <input
        id="vt-customer-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Name, email, company or last four"
        aria-describedby={errors?.length ? "customerId-error" : undefined}
        className={cn("mt-1", inputClass)}
        autoComplete="off"
      />
      {errors?.length ? (
        <p id="customerId-error" className="mt-1 text-xs text-red-700">
          {errors[0]}
        </p>
      ) : null}
      {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
      <ul
        className="mt-2 max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-inset ring-slate-200"
        aria-busy={busy}
      >
        {options.length === 0 ? (
          <li className="px-3 py-2 text-sm text-slate-500">
            {busy ? "Searching…" : "No customers with a stored payment method match."}
          </li>
        ) : (
          options.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                onClick={() => choose(o)}
                className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50"
              >
                <span className="font-medium text-slate-900">{o.name ?? o.company ?? o.email ?? o.id}</span>
                <span className="ml-2 text-xs text-slate-500">{o.email ?? o.id}</span>
              </button>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
