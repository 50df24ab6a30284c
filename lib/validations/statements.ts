import { z } from "zod";

/** A statement month, `YYYY-MM` (2000–2099). */
export const statementMonth = z
  .string()
  .trim()
  .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, "Choose a month like 2026-11.");

export const statementQuery = z.object({ month: statementMonth });
