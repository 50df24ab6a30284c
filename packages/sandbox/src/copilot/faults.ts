import { type Faults, faultsOf, MAX_LATENCY_MS, parseFaults, rowFaults } from "../row-faults";
import { db } from "./schema";

/** Fault injection per user, stored in the user's row (shared by every app instance). */
export { type Faults, faultsOf, MAX_LATENCY_MS, parseFaults };
export const { setFaults, injectFault } = rowFaults("sandbox_copilot.users", db);
