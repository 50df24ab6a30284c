import { Img, Text } from "@react-email/components";
import { receiptRows, type ReceiptLines } from "@/lib/transaction-words";
import { Action, type Brand, Facts, Layout, text } from "./layout";

/**
 * Messages to a merchant's customers, in the merchant's name and colours. A pay link is not an account credential:
 * it opens one invoice. Card numbers appear only masked (brand and last four digits).
 */

const day = (d: string) => new Date(d).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

export interface InvoiceSentProps {
  customerName: string | null;
  invoiceNumber: string | null;
  /** Formatted amount due, e.g. "$1,234.50". */
  amountDue: string;
  dueDate: string | null;
  message: string | null;
  payUrl: string;
}

export function InvoiceSent(p: InvoiceSentProps & { brand: Brand }) {
  const what = p.invoiceNumber ? `invoice ${p.invoiceNumber}` : "an invoice";
  return (
    <Layout
      brand={p.brand}
      preview={`${p.brand.name} sent you ${what} for ${p.amountDue}`}
      heading={`${p.invoiceNumber ? `Invoice ${p.invoiceNumber}` : "Invoice"} from ${p.brand.name}`}
      footer={`This link is personal to you; please don't share it. Questions about this invoice? Reply to this email to reach ${p.brand.name}.`}
    >
      <Text style={text}>Hello{p.customerName ? ` ${p.customerName}` : ""},</Text>
      <Text style={text}>
        {p.brand.name} sent you {what} for {p.amountDue}
        {p.dueDate ? `, due ${day(p.dueDate)}` : ""}.
      </Text>
      {p.message ? <Text style={{ ...text, fontStyle: "italic" }}>{p.message}</Text> : null}
      <Facts
        rows={[
          ["Amount due", p.amountDue],
          ...(p.dueDate ? ([["Due", day(p.dueDate)]] as [string, string][]) : []),
          ...(p.invoiceNumber ? ([["Invoice", p.invoiceNumber]] as [string, string][]) : []),
        ]}
      />
      <Action brand={p.brand} href={p.payUrl} label="View and pay" />
    </Layout>
  );
}
export const invoiceSentSubject = (p: InvoiceSentProps, brand: Brand) =>
  `${p.invoiceNumber ? `Invoice ${p.invoiceNumber}` : "Invoice"} from ${brand.name}: ${p.amountDue}${p.dueDate ? ` due ${day(p.dueDate)}` : ""}`;

export interface PaymentReceiptProps {
  customerName: string | null;
  invoiceNumber: string | null;
  amountPaid: string;
  /** e.g. "Visa •••• 1111" or "Checking •••• 6789". */
  method: string;
  paidAt: string;
  transactionId: string;
  /** What is still owed, formatted; null when paid in full. */
  remaining: string | null;
  receiptUrl: string;
}

export function PaymentReceipt(p: PaymentReceiptProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`Receipt for your payment of ${p.amountPaid} to ${p.brand.name}`}
      heading={`Thank you for your payment`}
      footer={`Keep this email as your receipt. Questions? Reply to reach ${p.brand.name}.`}
    >
      <Text style={text}>Hello{p.customerName ? ` ${p.customerName}` : ""},</Text>
      <Text style={text}>
        {p.brand.name} received your payment{p.invoiceNumber ? ` for invoice ${p.invoiceNumber}` : ""}.
      </Text>
      <Facts
        rows={[
          ["Amount paid", p.amountPaid],
          ["Paid with", p.method],
          ["Date", day(p.paidAt)],
          ["Transaction", p.transactionId],
          ...(p.remaining ? ([["Still due", p.remaining]] as [string, string][]) : []),
        ]}
      />
      <Action brand={p.brand} href={p.receiptUrl} label="View or print the receipt" />
    </Layout>
  );
}
export const paymentReceiptSubject = (p: PaymentReceiptProps, brand: Brand) =>
  `Receipt from ${brand.name}: ${p.amountPaid} paid${p.invoiceNumber ? ` (invoice ${p.invoiceNumber})` : ""}`;

export interface PaymentFailedProps {
  customerName: string | null;
  amount: string;
  /** What it was for, e.g. "your Gold plan subscription" or "invoice 1042". */
  description: string;
  reason: string;
  /** Where the customer can pay or update their payment method. */
  actionUrl: string;
  /** When the next attempt happens, if one is scheduled. */
  nextAttempt: string | null;
}

export function PaymentFailed(p: PaymentFailedProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`Your payment of ${p.amount} to ${p.brand.name} did not go through`}
      heading="Your payment did not go through"
      footer={`Questions? Reply to reach ${p.brand.name}.`}
    >
      <Text style={text}>Hello{p.customerName ? ` ${p.customerName}` : ""},</Text>
      <Text style={text}>
        We could not collect {p.amount} for {p.description}: {p.reason}. Nothing was charged.
        {p.nextAttempt ? ` We will try again on ${day(p.nextAttempt)}.` : ""}
      </Text>
      <Action brand={p.brand} href={p.actionUrl} label="Pay or update your payment method" />
    </Layout>
  );
}
export const paymentFailedSubject = (p: PaymentFailedProps, brand: Brand) =>
  `Payment to ${brand.name} failed: ${p.amount}`;

export interface RenewalReminderProps {
  customerName: string | null;
  planName: string;
  amount: string;
  renewsOn: string;
  /** e.g. "Visa •••• 4242", or null when no method is on file. */
  method: string | null;
  /** Where the customer can see or change the subscription (or the merchant's contact page). */
  manageUrl: string;
}

export function RenewalReminder(p: RenewalReminderProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`${p.planName} renews on ${day(p.renewsOn)} for ${p.amount}`}
      heading="Your subscription renews soon"
      footer={`You get this reminder before each renewal. To cancel or change it, reply to reach ${p.brand.name}.`}
    >
      <Text style={text}>Hello{p.customerName ? ` ${p.customerName}` : ""},</Text>
      <Text style={text}>
        Your {p.planName} subscription with {p.brand.name} renews on {day(p.renewsOn)}.
      </Text>
      <Facts
        rows={[
          ["Amount", p.amount],
          ["Renews on", day(p.renewsOn)],
          ...(p.method ? ([["Charged to", p.method]] as [string, string][]) : []),
        ]}
      />
      <Action brand={p.brand} href={p.manageUrl} label="Review your subscription" />
    </Layout>
  );
}
export const renewalReminderSubject = (p: RenewalReminderProps, brand: Brand) =>
  `${brand.name}: ${p.planName} renews on ${day(p.renewsOn)}`;

export type TransactionReceiptProps = ReceiptLines;

export function TransactionReceipt(p: TransactionReceiptProps & { brand: Brand }) {
  return (
    <Layout
      brand={p.brand}
      preview={`Your receipt from ${p.brand.name}: ${p.total}`}
      heading={`Receipt from ${p.brand.name}`}
      footer={`Keep this email as your receipt. Questions? Reply to reach ${p.brand.name}.`}
    >
      <Facts rows={receiptRows(p)} />
      {p.signatureUrl ? (
        <>
          <Text style={{ ...text, margin: "0 0 4px" }}>Customer signature</Text>
          <Img src={p.signatureUrl} alt="Customer signature" width="240" style={{ border: "1px solid #e2e8f0" }} />
        </>
      ) : null}
    </Layout>
  );
}
export const transactionReceiptSubject = (p: TransactionReceiptProps, brand: Brand) =>
  `Receipt from ${brand.name}: ${p.total}`;
