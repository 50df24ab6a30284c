import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { FieldErrors } from "@/lib/action-result";
import type { Action, Actor, FieldName, merchantAction } from "./safe-action";

// Type-level: checked by `tsc --noEmit` (part of npm test), where a wrong type fails the build.
describe("typed actions", () => {
  const schema = z.object({ merchantId: z.string(), amount: z.number(), billing: z.object({ zip: z.string() }) });
  // The schema parses what a form posts, as an action's does.
  it("parses like an action's schema", () => {
    expect(schema.safeParse({ merchantId: "m", amount: 5, billing: { zip: "10001" } }).success).toBe(true);
    expect(schema.safeParse({ merchantId: "m", amount: "5" }).success).toBe(false);
  });

  it("names a form's field errors from the action's schema", () => {
    expectTypeOf<FieldName<typeof schema>>().toEqualTypeOf<
      "merchantId" | "amount" | "billing" | `merchantId.${string}` | `amount.${string}` | `billing.${string}`
    >();
    type Result = Awaited<ReturnType<Action<{ id: string }, FieldName<typeof schema>>>>;
    type Errors = NonNullable<Extract<Result, { ok: false }>["fieldErrors"]>;
    expectTypeOf<Errors["amount"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Errors>().toExtend<FieldErrors>();
  });

  it("hands the action body the audit actor with the guarded context", () => {
    type Body = Parameters<typeof merchantAction<typeof schema, void>>[2];
    expectTypeOf<Parameters<Body>[0]["actor"]>().toEqualTypeOf<Actor>();
    expectTypeOf<Parameters<Body>[1]>().toEqualTypeOf<z.output<typeof schema>>();
  });
});
