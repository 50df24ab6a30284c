/** RFC3339 in UTC with whole seconds, the way the gateway's list responses show timestamps. */
export function rfc3339(d: Date | string): string {
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, "Z");
}
