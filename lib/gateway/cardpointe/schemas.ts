import { z } from "zod";

/**
 * CardPointe wire shapes, parsed at the boundary. Values are strings on the wire (numbers tolerated); unknown keys
 * are tolerated (UAT injects dummy fields and shuffles keys on purpose); a missing required key is a bad response.
 */

const s = z.union([z.string(), z.number()]).transform((v) => String(v));
const os = s.optional();

/** auth / capture / void / refund / inquire / inquireByOrderid share one record shape (fields vary by call). */
export const txnSchema = z.object({
  respstat: s,
  respcode: os,
  resptext: os,
  respproc: os,
  merchid: os,
  retref: os,
  amount: os,
  currency: os,
  account: os,
  token: os,
  expiry: os,
  authcode: os,
  avsresp: os,
  cvvresp: os,
  commcard: os,
  batchid: os,
  setlstat: os,
  orderid: os,
  orderId: os,
  profileid: os,
  acctid: os,
  capturedate: os,
  settledate: os,
  authdate: os,
  lastfour: os,
  name: os,
  signature: os,
  entrymode: os,
  bintype: os,
  parentretref: os,
  voidable: os,
  refundable: os,
  userfields: z.unknown().optional(),
  tokenExpired: z.unknown().optional(),
});
export type WireTxn = z.infer<typeof txnSchema>;

/** inquireByOrderid answers one object for one match and an array for several. */
export const txnOrListSchema = z.union([z.array(txnSchema), txnSchema]);

export const settleTxnSchema = z.object({
  retref: s,
  setlamount: os,
  setlstat: os,
  salesdoc: os,
  authcode: os,
  cardtype: os,
});
export const batchSchema = z.object({
  merchid: os,
  batchid: s,
  hoststat: os,
  hostbatch: os,
  respproc: os,
  chargetotal: os,
  refundtotal: os,
  txns: z.array(settleTxnSchema).default([]),
});
export type WireBatch = z.infer<typeof batchSchema>;
export const settlestatSchema = z.array(batchSchema);

export const fundingSchema = z.object({
  fundingid: s,
  fundingmasterid: os,
  merchid: os,
  fundingdate: os,
  netsales: os,
  thirdparty: os,
  adjustment: os,
  interchangefee: os,
  servicecharge: os,
  fee: os,
  reversal: os,
  otheradjustment: os,
  totalfunding: os,
  currency: os,
  ddanumber: os,
  abanumber: os,
});
export const fundingTxnSchema = z.object({
  fundingtxnid: os,
  retref: s,
  batchid: os,
  amount: os,
  currency: os,
  type: os,
  status: os,
  cardtype: os,
  cardbrand: os,
  cardnumber: os,
  interchangeunitfee: os,
  interchangepercentfee: os,
  authdate: os,
  date: os,
  fundingid: os,
  invoicenumber: os,
});
export const fundingAdjustmentSchema = z.object({
  fundingadjustmentid: os,
  fundingid: os,
  category: os,
  type: os,
  description: os,
  amount: os,
  currency: os,
});
/** Chargeback records of a deposit (only for MIDs configured for them; CardPointeGatewayAPI.yaml `chargebacks`). */
export const fundingChargebackSchema = z.object({
  fundingchargebackid: os,
  fundingmasterid: os,
  retref: os,
  amount: os,
  transactionamount: os,
  reasoncode: os,
  reasondescription: os,
  chargebackdate: os,
  depositdate: os,
  casenumber: os,
  invoicenumber: os,
});
export const closeBatchSchema = z.object({ batchid: os, respcode: os });
// "No deposits" first: the deposits shape (all defaults) would otherwise swallow it.
export const fundingResponseSchema = z.union([
  z.object({ errormsg: z.string() }),
  z.object({
    fundings: z.array(fundingSchema).default([]),
    txns: z.array(fundingTxnSchema).default([]),
    adjustments: z.array(fundingAdjustmentSchema).default([]),
    chargebacks: z.array(fundingChargebackSchema).default([]),
  }),
]);
export type WireFunding = z.infer<typeof fundingResponseSchema>;

export const profileAccountSchema = z.object({
  profileid: s,
  acctid: s,
  token: os,
  account: os,
  expiry: os,
  accttype: os,
  defaultacct: os,
  name: os,
  company: os,
  address: os,
  address2: os,
  city: os,
  region: os,
  country: os,
  postal: os,
  phone: os,
  email: os,
  bankaba: os,
});
export type WireProfileAccount = z.infer<typeof profileAccountSchema>;

/** A profile write answers one account; an error answers respstat C with a PPS code and no ids. */
export const profileWriteSchema = z.object({
  respstat: os,
  respcode: os,
  resptext: os,
  profileid: os,
  acctid: os,
});
/** GET profile answers an array of accounts, or a PPS error object. */
export const profileGetSchema = z.union([
  z.array(profileAccountSchema.extend({ respstat: os })),
  z.object({ respstat: os, respcode: os, resptext: os }),
]);
export const ppsSchema = z.object({ respstat: os, respcode: os, resptext: os, respproc: os });

export const terminalListSchema = z.object({ terminals: z.array(s).default([]) });
export const terminalDetailsSchema = z.object({
  terminalDetails: z
    .array(
      z.object({
        hsn: s,
        name: os,
        connected: z.boolean().optional(),
        deviceType: os,
        environment: os,
      }),
    )
    .default([]),
});

/** `GET /inquireMerchant/{merchid}` (services.md §1: merchid, site, enabled, cardproc, …). Unknown fields tolerated. */
export const inquireMerchantSchema = z.object({
  merchid: z.string(),
  site: z.string().optional(),
  enabled: z.union([z.boolean(), z.string()]).optional(),
  cardproc: z.string().optional(),
});

/** `sigcap` answer (CardPointeGatewayAPI.yaml `sigcapResponse`). */
export const sigcapSchema = z.object({
  merchid: z.string().optional(),
  retref: z.string().optional(),
  respcode: z.string().optional(),
  resptext: z.string().optional(),
  respstat: z.string().optional(),
  respproc: z.string().optional(),
});
