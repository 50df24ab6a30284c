import { z } from "zod";

/**
 * A list's free-text search box (`?q=`): at most 100 characters, trimmed, anything else becomes "". NUL is dropped:
 * PostgreSQL refuses it in a query.
 */
export const searchQuery = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .replace(/\u0000/g, "")
          .trim()
          .slice(0, 100)
      : "",
  z.string(),
);
