import type {
  AdjustmentInput as GatewayAdjustmentInput,
  AdjustmentRef,
  PlanInput as GatewayPlanInput,
} from "@/lib/gateway/types";
import type { AdjustmentInput, AttachedAdjustmentInput, PlanInput } from "@/lib/validations/recurring";
import { type Actor, auditRecurring, recurringGateway } from "./shared";

export type AdjustmentKind = "addOn" | "discount";

const NOUN: Record<AdjustmentKind, string> = { addOn: "add_on", discount: "discount" };

function adjustmentBody(input: AdjustmentInput): GatewayAdjustmentInput {
  return {
    name: input.name,
    description: input.description || undefined,
    amount: input.amount ?? undefined,
    percentage: input.percentage ?? undefined,
    duration: input.duration,
  };
}

/** Creates (no id) or updates an add-on or discount at the gateway, then audits it. */
export async function saveAdjustment(
  merchantId: string,
  actor: Actor,
  kind: AdjustmentKind,
  input: AdjustmentInput & { id?: string },
) {
  const gateway = await recurringGateway(merchantId);
  const api = kind === "addOn" ? gateway.recurring.addOns : gateway.recurring.discounts;
  const before = input.id ? await api.get(input.id) : null;
  const saved = input.id ? await api.update(input.id, adjustmentBody(input)) : await api.create(adjustmentBody(input));
  await auditRecurring(merchantId, actor, {
    action: `${NOUN[kind]}.${before ? "update" : "create"}`,
    targetType: NOUN[kind],
    targetId: saved.id,
    before,
    after: saved,
  });
  return saved;
}

export async function deleteAdjustment(merchantId: string, actor: Actor, kind: AdjustmentKind, id: string) {
  const gateway = await recurringGateway(merchantId);
  const api = kind === "addOn" ? gateway.recurring.addOns : gateway.recurring.discounts;
  const before = await api.get(id);
  await api.delete(id);
  await auditRecurring(merchantId, actor, {
    action: `${NOUN[kind]}.delete`,
    targetType: NOUN[kind],
    targetId: id,
    before,
  });
}

/** Attached add-ons/discounts → the gateway's refs (only the overrides that were given). */
export function refs(list: AttachedAdjustmentInput[]): AdjustmentRef[] {
  return list.map((a) => ({
    id: a.id,
    ...(a.name ? { name: a.name } : {}),
    ...(a.description ? { description: a.description } : {}),
    ...(a.amount !== undefined ? { amount: a.amount } : {}),
    ...(a.percentage !== undefined ? { percentage: a.percentage } : {}),
    ...(a.duration !== undefined ? { duration: a.duration } : {}),
  }));
}

function planBody(input: PlanInput): GatewayPlanInput {
  return {
    name: input.name,
    description: input.description || undefined,
    amount: input.amount,
    billingFrequency: input.billingFrequency,
    billingCycleInterval: input.billingCycleInterval,
    billingDays: input.billingDays,
    duration: input.duration,
    addOns: refs(input.addOns),
    discounts: refs(input.discounts),
  };
}

export async function savePlan(merchantId: string, actor: Actor, input: PlanInput & { id?: string }) {
  const gateway = await recurringGateway(merchantId);
  const api = gateway.recurring.plans;
  const before = input.id ? await api.get(input.id) : null;
  const saved = input.id ? await api.update(input.id, planBody(input)) : await api.create(planBody(input));
  await auditRecurring(merchantId, actor, {
    action: `plan.${before ? "update" : "create"}`,
    targetType: "plan",
    targetId: saved.id,
    before,
    after: saved,
  });
  return saved;
}

export async function deletePlan(merchantId: string, actor: Actor, id: string) {
  const gateway = await recurringGateway(merchantId);
  const before = await gateway.recurring.plans.get(id);
  await gateway.recurring.plans.delete(id);
  await auditRecurring(merchantId, actor, { action: "plan.delete", targetType: "plan", targetId: id, before });
}
