import Link from "next/link";
import { PAYMENT_METHOD_KINDS, TRANSACTION_STATUSES, TRANSACTION_TYPES } from "@/lib/validations/transactions";
import { METHOD_LABELS, STATUS_LABELS, TYPE_LABELS } from "./format";
import { cn } from "@/components/ui/cn";

/**
 * Filters are a plain GET form: they live in the URL (shareable, back button works) and need no script.
 * `values` are the raw strings from the URL so an invalid entry is shown back with its error.
 */
export function TransactionFilterForm({
  action,
  values,
  errors,
}: {
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm";
  const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={`f-${name}`}
        name={name}
        defaultValue={values[name] ?? ""}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `f-${name}-error` : undefined}
        className={cn(input, errors[name] ? "border-red-500" : "")}
        {...props}
      />
      {errors[name] && (
        <p id={`f-${name}-error`} className="mt-1 text-xs text-red-700">
          {errors[name]}
        </p>
      )}
    </div>
  );
  const select = (name: string, label: string, options: readonly string[], labels: Record<string, string>) => (
    <div>
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={values[name] ?? ""} className={input}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label="Filter transactions"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-5">
        {field("lastFour", "Card last four", { inputMode: "numeric", maxLength: 4, placeholder: "1111" })}
        {field("customer", "Customer", { placeholder: "Name, email or id" })}
        {field("orderId", "Order id", { placeholder: "or invoice no., e.g. INV-1001" })}
        {select("status", "Status", TRANSACTION_STATUSES, STATUS_LABELS)}
        {select("type", "Type", TRANSACTION_TYPES, TYPE_LABELS)}
        {select("method", "Payment method", PAYMENT_METHOD_KINDS, METHOD_LABELS)}
        {field("from", "From", { type: "date" })}
        {field("to", "To", { type: "date" })}
        {field("min", "Min amount", { inputMode: "decimal", placeholder: "0.00" })}
        {field("max", "Max amount", { inputMode: "decimal", placeholder: "0.00" })}
      </div>
      <div className="mt-4 flex items-center gap-3">
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          Search
        </button>
        <Link href={action} className="text-sm text-slate-600 underline-offset-2 hover:underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
