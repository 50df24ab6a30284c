import pino from "pino";
import { env } from "@/lib/env";

/**
 * Structured logs. Card data never reaches a log: known sensitive keys are redacted, and the card
 * data scan in the test suite checks what is written.
 */
const SENSITIVE = [
  "password",
  "number",
  "card_number",
  "cardnumber",
  "account",
  "cvc",
  "cvv",
  "cvv2",
  "securitycode",
  "account_number",
  "ssn",
  "authorization",
  "api_key",
  "apiKey",
];

let logger: pino.Logger | undefined;

export function log(): pino.Logger {
  logger ??= pino({
    level: env().LOG_LEVEL,
    redact: { paths: SENSITIVE.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), censor: "[redacted]" },
    base: undefined,
  });
  return logger;
}
