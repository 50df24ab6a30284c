import { z } from "zod";

/** A partner's CoPilot API user (sealed in partner_integrations). */
export interface CoPilotCredentials {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  templateId: number;
}

export interface CoPilotHosts {
  /** Keycloak host (token endpoint under /auth/realms/cardconnect/...). */
  accounts: string;
  api: string;
}

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token: z.string().optional(),
  refresh_expires_in: z.number().optional(),
});

export const apiErrorSchema = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().nullish(),
  errorField: z.string().nullish(),
  status: z.string().nullish(),
});

export const createMerchantResponse = z.object({ merchantId: z.union([z.string(), z.number()]).transform(String) });
export const signatureResponse = z.object({ signatureUrl: z.string().url() });

export const merchantStatusSchema = z.object({
  approvedDatetime: z.string().nullish(),
  boardedDatetime: z.string().nullish(),
  declinedDatetime: z.string().nullish(),
  liveDatetime: z.string().nullish(),
  boardingProcessStatusCd: z.string().nullish(),
  gatewayBoardingStatusCd: z.string().nullish(),
});

export const merchantResponse = z.object({
  merchant: z
    .object({
      merchantStatus: merchantStatusSchema.nullish(),
      signatureStatus: z
        .object({ signatureStatusCd: z.string().nullish(), signatureUrl: z.string().nullish() })
        .passthrough()
        .nullish(),
      processing: z
        .object({ platformDetails: z.object({ frontEndMid: z.string().nullish() }).passthrough().nullish() })
        .passthrough()
        .nullish(),
    })
    .passthrough(),
});

export const equipmentRow = z
  .object({
    equipmentId: z.number(),
    equipmentName: z.string(),
    make: z.string().nullish(),
    model: z.string().nullish(),
    equipmentTypeCd: z.string().nullish(),
    defaultPrice: z.number().nullish(),
    defaultPlanPrice: z.number().nullish(),
  })
  .passthrough();
export const equipmentCatalogResponse = z.object({ rows: z.array(equipmentRow) });
export type EquipmentItem = z.output<typeof equipmentRow>;

/** CoPilot's boarding process, as the portal's application status. */
export type CoPilotBoardingStatus = "INPROG" | "OFS" | "SIGNED" | "APPROVED" | "DECLINED" | "BOARDED" | "LIVE";

export interface MerchantSnapshot {
  boardingStatus: string | null;
  signatureStatus: string | null;
  signatureUrl: string | null;
  frontEndMid: string | null;
  approvedAt: string | null;
  declinedAt: string | null;
  boardedAt: string | null;
  liveAt: string | null;
}
