import { seal, unseal } from "../secrets";
import { mask, maskSsn } from "./formats";

/**
 * SSNs, bank account numbers and driver's licence numbers are sealed before they reach the
 * sandbox's tables and come back masked on GET. A client that sends the masked value back
 * unchanged (a GET → edit → PUT round trip) keeps the stored value.
 */
export const SEALED_PREFIX = "sealed:";
const PURPOSE = "sandbox-copilot-pii";

type Obj = Record<string, unknown>;
type Masker = (plain: string) => string;

/** Licence numbers carry letters: keep the length, show the last four characters. */
function maskAlnum(v: string): string {
  const a = v.replace(/[^A-Za-z0-9]/g, "");
  return "X".repeat(Math.max(0, a.length - 4)) + a.slice(-4);
}

const PATHS: [string, Masker][] = [
  ["ownership.owner.ownerSSN", maskSsn],
  ["ownership.additionalOwners.*.ownerSSN", maskSsn],
  ["ownership.driversLicenseNumber", maskAlnum],
  ["bankDetail.depositBank.bankAcctNum", (v) => mask(v)],
  ["bankDetail.withdrawalBank.bankAcctNum", (v) => mask(v)],
];

/** Calls `fn(container, key)` for every place the dotted path (with `*` over arrays) reaches. */
function visit(root: unknown, path: string[], fn: (o: Obj, key: string) => void) {
  const [head, ...rest] = path;
  if (head === undefined || typeof root !== "object" || root === null) return;
  if (head === "*") {
    if (!Array.isArray(root)) return;
    root.forEach((item) => visit(item, rest, fn));
    return;
  }
  const o = root as Obj;
  if (rest.length === 0) return fn(o, head);
  visit(o[head], rest, fn);
}

function each(root: unknown, fn: (o: Obj, key: string, masker: Masker, path: string) => void) {
  for (const [path, masker] of PATHS) visit(root, path.split("."), (o, k) => fn(o, k, masker, path));
}

const isSealed = (v: unknown): v is string => typeof v === "string" && v.startsWith(SEALED_PREFIX);

export function sealSensitive(merchant: Obj): Obj {
  const copy = structuredClone(merchant);
  each(copy, (o, k) => {
    const v = o[k];
    if (typeof v === "string" && v !== "" && !isSealed(v)) o[k] = SEALED_PREFIX + seal(v, PURPOSE);
  });
  return copy;
}

export function maskSensitive(merchant: Obj): Obj {
  const copy = structuredClone(merchant);
  each(copy, (o, k, masker) => {
    const v = o[k];
    if (isSealed(v)) o[k] = masker(unseal(v.slice(SEALED_PREFIX.length), PURPOSE));
  });
  return copy;
}

/** Where the incoming value is exactly the mask of the stored one, keep the stored (sealed) value. */
export function keepMaskedEchoes(incoming: Obj, stored: Obj): Obj {
  const copy = structuredClone(incoming);
  for (const [path, masker] of PATHS) {
    const parts = path.split(".");
    const storedValues: unknown[] = [];
    visit(stored, parts, (o, k) => storedValues.push(o[k]));
    let i = 0;
    visit(copy, parts, (o, k) => {
      const old = storedValues[i++];
      if (
        typeof o[k] === "string" &&
        isSealed(old) &&
        o[k] === masker(unseal(old.slice(SEALED_PREFIX.length), PURPOSE))
      )
        o[k] = old;
    });
  }
  return copy;
}
