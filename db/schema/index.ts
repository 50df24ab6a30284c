export * from "./audit-log";
export * from "./memberships";
export * from "./merchants";
export * from "./partners";
export * from "./users";
export * from "./rate-limits";
export * from "./rollups";
export * from "./transactions";
