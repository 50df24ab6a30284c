import { z } from "zod";

/** Gift-card server answers, keys lower-cased by the client and numbers kept as their exact digits (wire.ts). */

const s = z.union([z.string(), z.number()]).transform((v) => String(v));
const os = s.nullish();
const b = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === "true");

export const tokenSchema = z.object({ statuscode: os, token: s, exp: os });
export const balanceSchema = z.object({
  statuscode: os,
  cardending: os,
  balance: s,
  status: b.optional(),
  activated: b.nullish(),
  lastused: os,
  expire: os,
});
export const loadSchema = z.object({
  statuscode: os,
  description: os,
  hostref: s,
  cardno: os,
  balance: s,
  status: b.optional(),
  storename: os,
  datetimereloaded: os,
});
export const redeemSchema = z.object({
  statuscode: os,
  description: os,
  hostref: s,
  cardno: os,
  approvedbalance: s,
  previousbalance: s,
  newbalance: s,
  status: b.optional(),
  datetimeradeemed: os,
});
export const statusSchema = z.object({
  statuscode: os,
  description: os,
  card: os,
  balance: s,
  status: b.optional(),
  active: b.nullish(),
});
export const batchSchema = z.object({
  storeid: os,
  storename: os,
  batchdate: os,
  count: s,
  totalsold: s,
  totalreloaded: s,
  totalredeemed: s,
  transactions: z
    .array(
      z.object({
        hostref: s,
        posref: os,
        type: s,
        cardending: os,
        amount: s,
        approvedamount: s,
        previousbalance: os,
        newbalance: os,
        datetime: os,
      }),
    )
    .default([]),
});
export const healthSchema = z.object({ status: os });

/** `PUT /Auth/verify`: the store the credentials belong to (description "Success" as the seed's Token answer). */
export const verifySchema = z.object({ description: os, storeid: os, storename: os, statuscode: os });
