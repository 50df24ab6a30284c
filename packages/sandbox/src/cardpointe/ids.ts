import { randomBytes, randomInt } from "node:crypto";

export function digits(n: number): string {
  let out = "";
  while (out.length < n) out += String(randomInt(0, 10));
  return out;
}

/** Leading digit never 0 so ids survive clients that parse them as numbers. */
export function numericId(n: number): string {
  return String(randomInt(1, 10)) + digits(n - 1);
}

export const newRetref = () => numericId(12);
export const newBatchId = () => numericId(10);
/**
 * A funding report's 14-digit ids start with "1", the shape of the spec's example (`fundingid` "15200208146336",
 * CardPointeGatewayAPI.yaml L2996-3000): a card-length id from 2-6 could pass the Luhn check and read as a card
 * number in the portal's data scan once reconciliation keeps deposits.
 */
export const fundingReportId = () => `1${digits(13)}`;
export const newProfileId = () => numericId(20);
export const newMerchid = () => numericId(12);
export const newSessionKey = () => randomBytes(16).toString("hex");
export const newSecret = (bytes = 12) => randomBytes(bytes).toString("base64url");
