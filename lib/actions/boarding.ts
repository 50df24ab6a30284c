"use server";

import { oncePerIntent } from "@/lib/services/intents";
import { intentField } from "@/lib/validations/intent";
import { z } from "zod";
import { partnerAction } from "@/lib/actions/safe-action";
import { saveDraft } from "@/lib/services/boarding/save-draft";
import { resendSignature } from "@/lib/services/boarding/resend-signature";
import { submitApplication } from "@/lib/services/boarding/submit";
import { applicationRefInput, saveDraftInput, submitApplicationInput } from "@/lib/validations/boarding";

export const saveBoardingDraftAction = partnerAction("partner:board", saveDraftInput, async (ctx, input) => {
  const { partnerId: _p, applicationId, ...draft } = input;
  return saveDraft(ctx, draft, applicationId);
});

export const submitBoardingApplicationAction = partnerAction(
  "partner:board",
  intentField.and(submitApplicationInput),
  async (ctx, input) => {
    const {
      partnerId: _p,
      applicationId,
      intentId,
      ...d
    } = input as z.output<typeof submitApplicationInput> & {
      intentId?: string;
    };
    return oncePerIntent({ scope: ctx.partnerId, kind: "boarding.submit", intentId }, () =>
      submitApplication(ctx, d, applicationId),
    );
  },
);

export const resendSignatureAction = partnerAction("partner:board", applicationRefInput, async (ctx, input) =>
  resendSignature(ctx, input.applicationId),
);
