import { type Faults, faultsOf, MAX_LATENCY_MS, parseFaults, rowFaults } from "../row-faults";
import { db } from "./schema";

/** Fault injection per store, stored in the store's row (shared by every app instance). */
export { type Faults, faultsOf, MAX_LATENCY_MS, parseFaults };
export const { setFaults, injectFault } = rowFaults("sandbox_giftcard.stores", db);
