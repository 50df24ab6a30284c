import type { FieldErrors } from "@/lib/action-result";
import { Field } from "@/components/ui/field";

export interface AddressValues {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** The address inputs of the vault and virtual-terminal forms; `prefix` names a group ("billing."). */
export function AddressFields({
  prefix = "",
  values = {},
  errors = {},
  contact = true,
  idPrefix,
}: {
  prefix?: string;
  values?: AddressValues;
  errors?: FieldErrors;
  contact?: boolean;
  idPrefix?: string;
}) {
  const f = (name: keyof AddressValues) => ({
    name: `${prefix}${name}`,
    id: `${idPrefix ?? prefix.replace(/\./g, "-")}${name}`,
    defaultValue: values[name] ?? "",
    errors: errors[`${prefix}${name}`],
  });
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-6">
      <Field {...f("firstName")} label="First name" autoComplete="given-name" className="sm:col-span-3" />
      <Field {...f("lastName")} label="Last name" autoComplete="family-name" className="sm:col-span-3" />
      <Field {...f("company")} label="Company" autoComplete="organization" className="sm:col-span-6" />
      {contact ? (
        <>
          <Field {...f("email")} label="Email" type="email" autoComplete="email" className="sm:col-span-3" />
          <Field {...f("phone")} label="Phone" type="tel" autoComplete="tel" className="sm:col-span-3" />
        </>
      ) : null}
      <Field {...f("line1")} label="Address" autoComplete="address-line1" className="sm:col-span-6" />
      <Field
        {...f("line2")}
        label="Apartment, suite (optional)"
        autoComplete="address-line2"
        className="sm:col-span-6"
      />
      <Field {...f("city")} label="City" autoComplete="address-level2" className="sm:col-span-2" />
      <Field {...f("state")} label="State" autoComplete="address-level1" maxLength={2} className="sm:col-span-1" />
      <Field {...f("postalCode")} label="ZIP / postal code" autoComplete="postal-code" className="sm:col-span-2" />
      <Field
        {...f("country")}
        label="Country"
        autoComplete="country"
        maxLength={2}
        placeholder="US"
        className="sm:col-span-1"
      />
    </div>
  );
}
