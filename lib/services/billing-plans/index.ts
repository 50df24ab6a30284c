export * from "./context";
export * from "./plans";
