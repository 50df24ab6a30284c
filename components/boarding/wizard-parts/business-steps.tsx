"use client";

import {
  BANK_ACCOUNT_TYPES,
  OWNERSHIP_TYPES,
  PRICING_PLANS,
  STATE_CODES,
  TIME_ZONES,
} from "@/lib/validations/boarding";
import { Choice, type StepProps, Text, type TopLevel } from "./fields";

export function BusinessStep(p: StepProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Text p={p} name="dbaName" label="DBA name (doing business as)" />
      <Text p={p} name="legalBusinessName" label="Legal business name" />
      <Text p={p} name="taxFilingName" label="Tax filing name" hint="Letters, digits, spaces, & and - only." />
      <Choice p={p} name="taxFilingMethod" label="Tax filing method" options={["EIN", "SSN"]} />
      <Choice p={p} name="ownershipTypeCd" label="Ownership type" options={OWNERSHIP_TYPES} />
      <Text p={p} name="taxId" label="Tax ID (EIN)" hint="9 digits" inputMode="numeric" />
      <Text p={p} name="businessStartDate" label="Business start date" placeholder="MM/DD/YYYY" />
      <Text p={p} name="businessPhone" label="Business phone" placeholder="###-###-####" />
      <Text p={p} name="websiteAddress" label="Website" hint="Required when you take e-commerce payments." />
      <Choice p={p} name="merchantTimeZone" label="Time zone" options={TIME_ZONES} />
      <Text p={p} name="address1" label="Business address" />
      <Text p={p} name="address2" label="Address line 2" />
      <Text p={p} name="city" label="City" />
      <div className="grid grid-cols-2 gap-4">
        <Choice p={p} name="stateCd" label="State" options={STATE_CODES} placeholder="Choose…" />
        <Text p={p} name="zip" label="ZIP" />
      </div>
    </div>
  );
}

export function BankStep(p: StepProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Text p={p} name="bankName" label="Bank name" />
      <Choice p={p} name="bankAcctTypeCd" label="Account type" options={BANK_ACCOUNT_TYPES} />
      <Text p={p} name="bankRoutingNum" label="Routing number" inputMode="numeric" hint="9-digit ABA number" />
      <Text
        p={p}
        name="bankAcctNum"
        label="Account number"
        inputMode="numeric"
        autoComplete="off"
        hint="Deposits and fees use this account. The portal keeps only the last four digits."
      />
    </div>
  );
}

const PROCESSING: [TopLevel, string][] = [
  ["averageMonthlyVolume", "Monthly card volume ($)"],
  ["averageTicketAmount", "Average ticket ($)"],
  ["highTicketAmount", "Highest ticket ($)"],
];
const CHANNELS: [TopLevel, string][] = [
  ["swipedPct", "Card present %"],
  ["keyedPct", "Keyed %"],
  ["eCommercePct", "E-commerce %"],
  ["mailOrderPct", "Mail/phone order %"],
];

export function ProcessingStep(p: StepProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      {PROCESSING.map(([name, label]) => (
        <Text key={name} p={p} name={name} label={label} inputMode="decimal" />
      ))}
      <p className="text-sm text-slate-600 sm:col-span-3">How customers pay (must add up to 100%):</p>
      {CHANNELS.map(([name, label]) => (
        <Text key={name} p={p} name={name} label={label} inputMode="decimal" />
      ))}
    </div>
  );
}

export function PricingStep(p: StepProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Choice p={p} name="pricingPlan" label="Pricing template" options={PRICING_PLANS} />
      <Choice
        p={p}
        name="gateway"
        label="Gateway once live"
        options={{ cardpointe: "CardPointe", fluidpay: "Gateway (FluidPay family)" }}
      />
    </div>
  );
}
