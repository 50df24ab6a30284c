import { z } from "zod";

/**
 * The intent id a create form carries (made when the form is shown, kept across resubmissions): lib/services/intents.ts
 * turns resubmissions of one intent into one object at the provider. Optional for callers that are not forms.
 */
export const intentField = z.object({
  intentId: z.uuid("This form has expired. Reload the page and try again.").optional(),
});
