import { parseCompactDate, type CalendarDate } from "./formats";
import { fieldError, isObject, str, type CoPilotError } from "./http";
import { cmp } from "./schedule";

type Obj = Record<string, unknown>;

/** Field rules of the billing plan object (the docs' definition table), with the sandbox's codes. */
export function validatePlan(p: Obj, today: CalendarDate): CoPilotError[] {
  const e: CoPilotError[] = [];
  const f = (code: string, message: string, field: string) => e.push(fieldError(code, message, `billingPlan.${field}`));
  if (str(p.billingPlanId)) f("1160", "billingPlanId must be omitted when creating a billing plan.", "billingPlanId");
  if (!/^\d{1,12}$/.test(str(p.merchId) ?? "")) f("1161", "merchId is required (the front-end MID).", "merchId");
  if (!/^\d{20}$/.test(str(p.profileId) ?? ""))
    f("1162", "profileId must be the 20-digit CardPointe profile id.", "profileId");
  if (p.acctId !== undefined && p.acctId !== null && !/^\d{1,3}$/.test(str(p.acctId) ?? ""))
    f("1163", "acctId must be 1 to 3 digits.", "acctId");
  const amount = typeof p.amount === "number" ? p.amount : Number(str(p.amount) ?? Number.NaN);
  if (!Number.isFinite(amount) || amount <= 0 || Math.round(amount * 100) !== Number((amount * 100).toFixed(6)))
    f("1164", "amount must be a positive amount with at most 2 decimals.", "amount");
  if (![1, 2, 3, 4].includes(Number(p.timeSpan)))
    f("1165", "timeSpan must be 1 (daily), 2 (weekly), 3 (monthly) or 4 (yearly).", "timeSpan");
  if (!/^[1-9]$/.test(str(p.every) ?? "")) f("1166", "every must be a number from 1 to 9.", "every");
  const start = parseCompactDate(str(p.startDate) ?? "");
  if (!start) f("1167", "startDate is invalid.  Please use MMDDYYYY format.", "startDate");
  else if (cmp(start, today) < 0) f("1167", "startDate cannot be in the past.", "startDate");
  const cond = str(p.untilCondition);
  if (cond !== "C" && cond !== "N" && cond !== "D") f("1168", "untilCondition must be C, N or D.", "untilCondition");
  if (cond === "N" && !(Number.isInteger(Number(p.untilNumPayments)) && Number(p.untilNumPayments) >= 1))
    f("1169", "untilNumPayments is required when untilCondition is N.", "untilNumPayments");
  if (cond === "D") {
    const until = parseCompactDate(str(p.untilDate) ?? "");
    if (!until) f("1170", "untilDate is required when untilCondition is D (MMDDYYYY).", "untilDate");
    else if (start && cmp(until, start) < 0) f("1170", "untilDate cannot be before startDate.", "untilDate");
  }
  if ((str(p.currencySymbol) ?? "").length !== 1)
    f("1171", "currencySymbol is required (1 character).", "currencySymbol");
  const name = str(p.billingPlanName);
  if (!name || name.length > 30) f("1172", "billingPlanName is required (30 characters or fewer).", "billingPlanName");
  const options = p.options;
  const receipt = Array.isArray(options) ? options.find((o) => isObject(o) && o.name === "email_receipt") : undefined;
  if (!isObject(receipt) || !["0", "1"].includes(str(receipt.value) ?? ""))
    f("1173", "options must contain email_receipt with value 0 or 1.", "options");
  return e;
}
