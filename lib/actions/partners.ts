"use server";

import { revalidatePath } from "next/cache";
import { partnerAction } from "@/lib/actions/safe-action";
import { assignAgent } from "@/lib/services/partners/assign-agent";
import { assignAgentInput } from "@/lib/validations/partners";

function revalidate(path: string) {
  try {
    revalidatePath(path);
  } catch {
    // Outside a Next request (integration tests) there is nothing to revalidate.
  }
}

export const assignAgentAction = partnerAction("partner:assign", assignAgentInput, async (ctx, input) => {
  const r = await assignAgent(ctx, input);
  revalidate("/partner");
  return r;
});
