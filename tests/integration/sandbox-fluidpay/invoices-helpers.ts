/** A valid invoice request body (the seed's example values), to spread and modify in tests. */
export const address = (over: Record<string, unknown> = {}) => ({
  first_name: "First",
  last_name: "Last",
  company: "Some Business",
  address_line_1: "123 Drury Lane",
  city: "Some City",
  state: "IL",
  postal_code: "60000",
  country: "US",
  phone: "5555555555",
  email: "info@somesite.com",
  ...over,
});

export function invoiceBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    currency: "USD",
    company_name: "ACME Inc.",
    customer_number: "123Customer",
    payable_to: address({ company: "Merchant Business", address_line_1: "123 Some St" }),
    bill_to: address(),
    date_due: "2030-02-13T06:00:00.000Z",
    items: [
      { name: "Widget", description: "A widget for processors", unit_price: 100, quantity: 1, status: "pending" },
    ],
    payment_methods: ["card"],
    card_processor_id: "",
    ach_processor_id: "",
    message: "Thank you for your business!",
    send_via: "none",
    ...over,
  };
}

export type Invoice = Record<string, unknown> & {
  id: string;
  status: string;
  subtotal: number;
  tax: number;
  total: number;
  amount_paid: number;
  amount_due: number;
  public_hash: string;
  hosted_url: string;
  items: Record<string, unknown>[];
};
