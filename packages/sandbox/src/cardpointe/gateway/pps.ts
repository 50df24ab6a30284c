/** Gateway (PPS) response codes: the gateway's own verdicts before or instead of a processor (GatewayResponseCodes.md). */
export const PPS = {
  "00": ["A", "Approval"],
  "08": ["A", "Profile Deleted"],
  "09": ["A", "Profile Saved"],
  "11": ["C", "Invalid card"],
  "13": ["C", "Bad card check digit"],
  "14": ["C", "Non-numeric CVV"],
  "15": ["C", "Non-numeric expiry"],
  "17": ["C", "Invalid zip"],
  "21": ["C", "Invalid merchant"],
  "26": ["A", "Txn Settled"],
  "27": ["C", "Txn Batched"],
  "28": ["C", "Txn not settled"],
  "29": ["C", "Txn not found"],
  "32": ["C", "Wrong currency for merch"],
  "33": ["C", "Unknown card type"],
  "34": ["C", "Invalid field"],
  "39": ["C", "Void not permitted after 30 days"],
  "43": ["C", "Invalid amount"],
  "45": ["C", "Refunds without reference not supported"],
  "48": ["C", "Echeck not supported"],
  "62": ["B", "Timed out"],
  "96": ["C", "Profile not found"],
  "98": ["C", "Invalid token"],
} as const;

export type PpsCode = keyof typeof PPS;

export function pps(code: PpsCode, extra: Record<string, unknown> = {}, resptext?: string) {
  const [respstat, text] = PPS[code];
  return { respstat, respcode: code, resptext: resptext ?? text, respproc: "PPS", ...extra };
}

export class PpsError extends Error {
  constructor(
    readonly code: PpsCode,
    readonly resptext?: string,
  ) {
    super(resptext ?? PPS[code][1]);
  }
}
