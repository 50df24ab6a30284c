import type { CoPilotClient } from "./client";
import { fromCoPilotBillingPlan, toCoPilotBillingPlan } from "./transform";
import { billingPlanListResponse, billingPlanResponse, type BillingPlan, type NewBillingPlan } from "./types";

/**
 * CoPilot billing plans (services.md §4.3): recurring charges of a CardPointe vault profile, keyed by the
 * merchant's CardPointe MID (`merchId`). Wire shapes stay here and in transform.ts.
 */

const seg = (v: string) => encodeURIComponent(v);

export async function listBillingPlans(client: CoPilotClient, merchId: string): Promise<BillingPlan[]> {
  const r = await client.request("GET", `/billingplan/list/${seg(merchId)}`, billingPlanListResponse);
  return (r.billingPlans ?? []).map(fromCoPilotBillingPlan);
}

export async function getBillingPlan(client: CoPilotClient, merchId: string, planId: string): Promise<BillingPlan> {
  const r = await client.request("GET", `/billingplan/${seg(merchId)}/${seg(planId)}`, billingPlanResponse);
  return fromCoPilotBillingPlan(r.billingPlan);
}

export async function createBillingPlan(client: CoPilotClient, plan: NewBillingPlan): Promise<BillingPlan> {
  const r = await client.request("POST", "/billingplan/create", billingPlanResponse, toCoPilotBillingPlan(plan));
  return fromCoPilotBillingPlan(r.billingPlan);
}

export async function cancelBillingPlan(client: CoPilotClient, merchId: string, planId: string): Promise<BillingPlan> {
  const r = await client.request("POST", "/billingplan/cancel", billingPlanResponse, {
    merchId,
    billingPlanId: planId,
  });
  return fromCoPilotBillingPlan(r.billingPlan);
}

export async function markBillingPaymentPaid(
  client: CoPilotClient,
  p: { merchId: string; planId: string; paymentId: string; retref?: string | null },
): Promise<BillingPlan> {
  const r = await client.request("POST", "/billingplan/markAsPaid", billingPlanResponse, {
    billingPlanScheduleId: p.paymentId,
    billingPlanId: p.planId,
    merchId: p.merchId,
    ...(p.retref ? { retref: p.retref } : {}),
  });
  return fromCoPilotBillingPlan(r.billingPlan);
}

export async function cancelBillingPayment(
  client: CoPilotClient,
  p: { merchId: string; paymentId: string },
): Promise<BillingPlan> {
  const r = await client.request("POST", "/billingplan/cancelPayment", billingPlanResponse, {
    billingPlanScheduleId: p.paymentId,
    merchId: p.merchId,
  });
  return fromCoPilotBillingPlan(r.billingPlan);
}
