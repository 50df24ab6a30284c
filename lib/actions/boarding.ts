"use server";

import { z } from "zod";
import { partnerAction } from "@/lib/actions/safe-action";
import { saveDraft } from "@/lib/services/boarding/save-draft";
import { submitApplication } from "@/lib/services/boarding/submit";
import { saveDraftInput, submitApplicationInput } from "@/lib/validations/boarding";

export const saveBoardingDraftAction = partnerAction("partner:board", saveDraftInput, async (ctx, input) => {
  const { partnerId: _p, applicationId, ...draft } = input;
  return saveDraft(ctx, draft, applicationId);
});

export const submitBoardingApplicationAction = partnerAction(
  "partner:board",
  submitApplicationInput,
  async (ctx, input) => {
    const { partnerId: _p, applicationId, ...d } = input as z.output<typeof submitApplicationInput>;
    return submitApplication(ctx, d, applicationId);
  },
);
