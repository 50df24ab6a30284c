import { describe, expect, it } from "vitest";
import { Declined, InvalidRequest, NotFound, Unauthorized, Unavailable, Unsupported, userMessage } from "./errors";
import { fieldErrorsFromMessage } from "./fluidpay/field-errors";
import { avsResult, cvvResult } from "./verification-codes";

describe("userMessage", () => {
  it("explains a decline with its reason and the failed AVS/CVV checks in words", () => {
    const msg = userMessage(
      new Declined({ code: 202, reason: "Insufficient funds", avs: avsResult("N"), cvv: cvvResult("N") }),
    );
    expect(msg).toContain("declined: insufficient funds");
    expect(msg).toContain("neither street address nor zip code match");
    expect(msg).toContain("security code does not match");
    expect(msg).toContain("another payment method");
  });

  it("lists field errors, and words state-rule refusals without echoing the gateway's text", () => {
    expect(userMessage(new InvalidRequest("invalid Postal Code", fieldErrorsFromMessage("invalid Postal Code")))).toBe(
      "Please correct: Postal code is invalid.",
    );
    const voidMsg = userMessage(new InvalidRequest("transaction cannot be voided: status settled"));
    expect(voidMsg).toMatch(/can no longer be voided/);
    expect(voidMsg).not.toContain("status settled");
    expect(userMessage(new InvalidRequest("refund amount exceeds the settled amount"))).toMatch(
      /more than the amount left/,
    );
    expect(userMessage(new InvalidRequest("weird internal thing"))).not.toContain("weird");
    expect(userMessage(new InvalidRequest("conflict: a payment for this invoice is in progress", [], 409))).toMatch(
      /in progress/,
    );
  });

  it("tells a person when a charge's outcome is unknown, and when it is simply unreachable", () => {
    expect(userMessage(new Unavailable({ reason: "timeout", message: "x", maybeProcessed: true }))).toMatch(
      /did not confirm.*will not charge twice/,
    );
    expect(userMessage(new Unavailable({ reason: "network", message: "x" }))).toMatch(/not responding/);
  });

  it("covers not found, credentials, unsupported features and unknown errors without leaking internals", () => {
    expect(userMessage(new NotFound("transaction abc not found"))).not.toContain("abc");
    expect(userMessage(new Unauthorized())).toMatch(/credentials/);
    expect(userMessage(new Unsupported("cardpointe", "invoices"))).toBe(
      "Invoicing is not available for this merchant's payment gateway.",
    );
    const internal = new Error("ECONNRESET at socket.js:42 password=hunter2");
    expect(userMessage(internal)).not.toMatch(/ECONNRESET|hunter2/);
  });

  it("classifies decline codes into issuer, gateway and processor", () => {
    expect(new Declined({ code: 223, reason: "Expired card" }).category).toBe("issuer");
    expect(new Declined({ code: 301, reason: "Duplicate" }).category).toBe("gateway");
    expect(new Declined({ code: 421, reason: "Processor offline" }).category).toBe("processor");
  });
});

describe("field errors from gateway messages", () => {
  it.each([
    ["bad request error: invalid Postal Code", "postalCode", "Postal code is invalid"],
    ["payment_method.card.number is required", "cardNumber", "Card number is required"],
    ["invalid payment_method.card.expiration_date", "expiration", "Expiration date is invalid"],
    ["invalid amount: must be an integer number of cents", "amount", "Amount is invalid"],
    ["order_id must be at most 17 characters", "orderId", "Order ID is invalid"],
    ["invalid billing_address.email", "email", "Email address is invalid"],
    ["missing routing_number", "routingNumber", "Routing number is required"],
  ])("%s → %s", (msg, field, message) => {
    expect(fieldErrorsFromMessage(msg)).toEqual([{ field, message }]);
  });

  it("names no field when the message names none", () => {
    expect(fieldErrorsFromMessage("internal error")).toEqual([]);
    expect(fieldErrorsFromMessage(undefined)).toEqual([]);
  });
});

describe("AVS / CVV words", () => {
  it("reads known codes and says so for unknown ones", () => {
    expect(avsResult("Y")?.matched).toBe(true);
    expect(avsResult("")).toBeNull();
    expect(avsResult("J")?.description).toMatch(/Unrecognised/);
    expect(cvvResult("m")?.description).toBe("Security code matches");
  });
});
