import type { Route } from "../core/types";
import { adjustmentRoutes } from "./adjustments";
import "./billing";
import { planRoutes } from "./plans";
import { subscriptionStatusRoutes } from "./subscription-status";
import { subscriptionCrudRoutes } from "./subscriptions";

/** Every `/api/recurring/*` endpoint; importing this also registers the billing engine on the clock. */
export const recurringRoutes: Route[] = [
  ...adjustmentRoutes,
  ...planRoutes,
  ...subscriptionCrudRoutes,
  ...subscriptionStatusRoutes,
];
