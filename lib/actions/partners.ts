"use server";

import { partnerAction, revalidate } from "@/lib/actions/safe-action";
import { assignAgent } from "@/lib/services/partners/assign-agent";
import { saveCopilotCredentials, testCopilotConnection } from "@/lib/services/partners/copilot-settings";
import { copilotCredentialsInput, copilotTestInput } from "@/lib/validations/billing-plans";
import { assignAgentInput } from "@/lib/validations/partners";

export const assignAgentAction = partnerAction("partner:assign", assignAgentInput, async (ctx, input) => {
  const r = await assignAgent(ctx, input);
  revalidate("/partner");
  return r;
});

/** Partner admins only: the guard's partner:assign is admin-only, and the service checks the role again. */
export const saveCopilotCredentialsAction = partnerAction(
  "partner:assign",
  copilotCredentialsInput,
  async (ctx, input) => {
    const view = await saveCopilotCredentials(ctx, input);
    revalidate("/partner/settings");
    return { configured: view.configured, username: view.username };
  },
);

export const testCopilotConnectionAction = partnerAction("partner:assign", copilotTestInput, async (ctx) =>
  testCopilotConnection(ctx),
);
