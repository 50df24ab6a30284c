/**
 * `/sandbox/cardpointe/<host-prefix>/...` keeps the production host shape: `<site>` is production,
 * `<site>-uat` is UAT (as `<site>-uat.cardconnect.com`).
 */
export type Environment = "uat" | "prod";
export interface HostPrefix {
  site: string;
  environment: Environment;
}

export function parseHostPrefix(prefix: string): HostPrefix | undefined {
  const p = prefix.toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(p)) return undefined;
  if (p.endsWith("-uat")) {
    const site = p.slice(0, -4);
    return site ? { site, environment: "uat" } : undefined;
  }
  return { site: p, environment: "prod" };
}

export function hostPrefix(site: string, environment: Environment): string {
  return environment === "uat" ? `${site}-uat` : site;
}
