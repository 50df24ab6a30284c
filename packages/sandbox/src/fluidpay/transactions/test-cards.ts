/**
 * The sandbox's documented triggers (services.md §5.8). Unlisted cards approve; FluidPay drives
 * results by card number, never by amount.
 */
export interface Outcome {
  response: "approved" | "declined" | "error";
  responseCode: number;
  processorCode: string;
  processorText: string;
  /** Fraction of the requested amount approved (partial approval). */
  approvedFraction?: number;
}

export const APPROVED: Outcome = {
  response: "approved",
  responseCode: 100,
  processorCode: "00",
  processorText: "APPROVAL",
};

export const CARD_TRIGGERS: Record<string, Outcome & { label: string }> = {
  "4000000000000002": {
    label: "decline",
    response: "declined",
    responseCode: 200,
    processorCode: "05",
    processorText: "DO NOT HONOR",
  },
  "4000000000009995": {
    label: "insufficient funds",
    response: "declined",
    responseCode: 202,
    processorCode: "51",
    processorText: "INSUFFICIENT FUNDS",
  },
  "4000000000000069": {
    label: "expired card",
    response: "declined",
    responseCode: 223,
    processorCode: "54",
    processorText: "EXPIRED CARD",
  },
  "4000000000000051": {
    label: "partial approval (half the amount)",
    response: "approved",
    responseCode: 110,
    processorCode: "10",
    processorText: "PARTIAL APPROVAL",
    approvedFraction: 0.5,
  },
  "4000000000009987": {
    label: "lost card",
    response: "declined",
    responseCode: 204,
    processorCode: "41",
    processorText: "LOST CARD, PICK UP",
  },
  "4000000000009979": {
    label: "stolen card",
    response: "declined",
    responseCode: 205,
    processorCode: "43",
    processorText: "STOLEN CARD, PICK UP",
  },
};

/** Authorizes normally; any refund of it is declined. */
export const REFUND_DECLINE_CARD = "4000000000000010";

export const EXPIRED_OUTCOME: Outcome = {
  response: "declined",
  responseCode: 223,
  processorCode: "54",
  processorText: "EXPIRED CARD",
};

export const PARTIAL_NOT_ALLOWED: Outcome = {
  response: "declined",
  responseCode: 200,
  processorCode: "10",
  processorText: "PARTIAL APPROVAL NOT ALLOWED",
};

export const ACH_ROUTING = {
  decline: "000000000",
  /** Returned at batch close instead of settling. */
  returned: "000000001",
  /** Settles, then comes back as a late return at the next batch close. */
  lateReturn: "000000002",
} as const;

export const ACH_DECLINE: Outcome = {
  response: "declined",
  responseCode: 200,
  processorCode: "R01",
  processorText: "DECLINED",
};

export const CVC_MISMATCH = "200";
export const POSTAL_NO_MATCH = "20000";

/** AVS per the seed's table: N on the trigger postal code, Y (street + 5-digit ZIP), Z (ZIP only), 0 (none sent). */
export function avsCode(address: { address_line_1?: string; postal_code?: string } | undefined): string {
  const postal = address?.postal_code?.trim() ?? "";
  if (postal === POSTAL_NO_MATCH) return "N";
  if (!postal) return "0";
  if (address?.address_line_1?.trim()) return postal.replace(/\D/g, "").length === 9 ? "X" : "Y";
  return postal.replace(/\D/g, "").length === 9 ? "W" : "Z";
}

/** CVV: M match, N on the trigger value, "" when no CVC was sent. */
export function cvvCode(cvc: string | undefined): string {
  if (!cvc) return "";
  return cvc === CVC_MISMATCH ? "N" : "M";
}

export interface TerminalBehaviour {
  outcome: Outcome;
  /** Tip the customer adds on the device, as a fraction of the amount. */
  tipFraction?: number;
}

export function terminalBehaviour(tpn: string): TerminalBehaviour {
  switch (tpn.slice(-1)) {
    case "2":
      return {
        outcome: { response: "declined", responseCode: 200, processorCode: "05", processorText: "DECLINED" },
      };
    case "3":
      return {
        outcome: { response: "error", responseCode: 400, processorCode: "E1", processorText: "TERMINAL ERROR" },
      };
    case "4":
      return { outcome: APPROVED, tipFraction: 0.15 };
    default:
      return { outcome: APPROVED };
  }
}
