import { z } from "zod";
import { badRequest } from "../core/envelope";

/**
 * The gateway's search conditions (QuerySearchString / QuerySearchInt / date ranges), turned into
 * parameterised SQL. Columns come from a fixed allow-list per endpoint, never from the request.
 */

const stringCond = z.union([
  z.string(),
  z.object({ operator: z.enum(["=", "!=", "%"], "must be =, != or %").default("="), value: z.string() }),
]);
const intCond = z.union([
  z.int(),
  z.object({ operator: z.enum(["=", "!=", "<", ">"], "must be =, !=, < or >").default("="), value: z.int() }),
]);
const dateRange = z.object({ start_date: z.string().optional(), end_date: z.string().optional() });

export const searchConditions = { stringCond, intCond, dateRange };

export const paging = {
  limit: z.int("must be an integer").min(0, "must be 0-100").max(100, "must be 0-100").optional(),
  offset: z.int("must be an integer").min(0, "must not be negative").optional(),
};

/** Default page size when `limit` is absent or 0. */
export const DEFAULT_LIMIT = 10;

export class SqlWhere {
  readonly clauses: string[] = [];
  readonly params: unknown[];

  constructor(initial: unknown[]) {
    this.params = [...initial];
  }

  private p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  string(column: string, cond: z.infer<typeof stringCond> | undefined): void {
    if (cond === undefined) return;
    const { operator, value } = typeof cond === "string" ? { operator: "=" as const, value: cond } : cond;
    if (operator === "%") this.clauses.push(`${column} ilike ${this.p(`%${value.replace(/[\\%_]/g, "\\$&")}%`)}`);
    else this.clauses.push(`${column} ${operator === "=" ? "=" : "<>"} ${this.p(value)}`);
  }

  int(column: string, cond: z.infer<typeof intCond> | undefined): void {
    if (cond === undefined) return;
    const { operator, value } = typeof cond === "number" ? { operator: "=" as const, value: cond } : cond;
    this.clauses.push(`${column} ${operator === "!=" ? "<>" : operator} ${this.p(value)}`);
  }

  /** Inclusive range on a timestamp/date column; dates are RFC3339 or YYYY-MM-DD. */
  range(column: string, field: string, cond: z.infer<typeof dateRange> | undefined, cast = "timestamptz"): void {
    if (!cond) return;
    for (const [key, op] of [
      ["start_date", ">="],
      ["end_date", "<="],
    ] as const) {
      const v = cond[key];
      if (!v) continue;
      if (Number.isNaN(Date.parse(v))) throw badRequest(`invalid ${field}.${key}: must be a date`);
      this.clauses.push(`${column} ${op} ${this.p(v)}::${cast}`);
    }
  }

  sql(): string {
    return this.clauses.length ? ` and ${this.clauses.join(" and ")}` : "";
  }
}
