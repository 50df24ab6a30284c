import type { z } from "zod";
import { badRequest } from "../core/envelope";

/**
 * Validates a request body with a zod schema; the first problem becomes the gateway's documented
 * failure shape, naming the field: `bad request error: invalid billing_days: ...`.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? formatPath(issue.path) : "request body";
  throw badRequest(`invalid ${field}: ${issue?.message ?? "invalid value"}`);
}

/** ["add_ons", 0, "amount"] → "add_ons[0].amount" */
function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, seg) => {
    if (typeof seg === "number") return `${out}[${seg}]`;
    return out ? `${out}.${String(seg)}` : String(seg);
  }, "");
}
