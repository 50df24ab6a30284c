/**
 * CardPointe hosts, built from the merchant's environment and site exactly as seeds 000/001 show:
 *
 *   production  https://<site>.cardconnect.com/cardconnect/rest         (Gateway)
 *               https://<site>.cardconnect.com/cardsecure/api/v1/ccn/tokenize (CardSecure)
 *               https://<site>.cardpointe.com/api/v3                    (Integrated Terminal)
 *   UAT         the same hosts with "<site>-uat"
 *   sandbox     <appUrl>/sandbox/cardpointe/<site>-uat/...              (the embedded emulator, one path prefix per host)
 *
 * So the adapter differs from production only by its roots. A production merchant must end on the
 * <site>.cardconnect.com / <site>.cardpointe.com hosts over https; a sandbox merchant on the emulator or a UAT host.
 */

export type CardPointeEnvironment = "sandbox" | "uat" | "production";

export interface CardPointeRoots {
  /** Host root of Gateway + CardSecure + itoke (https://<site>-uat.cardconnect.com, or the sandbox prefix). */
  connect: string;
  /** Host root of the Integrated Terminal API (https://<site>-uat.cardpointe.com, or the sandbox prefix). */
  terminal: string;
}

export interface CardPointeUrls {
  /** …/cardconnect/rest */
  gateway: string;
  /** …/cardsecure/api/v1/ccn/tokenize */
  tokenize: string;
  /** …/api/v3 */
  terminal: string;
  /** …/itoke/ajax-tokenizer.html (hosted iFrame tokenizer) */
  itoke: string;
}

export class CardPointeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CardPointeUrlError";
  }
}

/** Sites are DNS labels: lower-case letters, digits and dashes, not ending in "-uat" (the environment says that). */
export function assertSite(site: string): string {
  const s = site.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(s) || s.endsWith("-uat")) {
    throw new CardPointeUrlError(`CardPointe site "${site}" is not a valid site name`);
  }
  return s;
}

export function cardpointeRoots(environment: CardPointeEnvironment, site: string, appUrl?: string): CardPointeRoots {
  const s = assertSite(site);
  switch (environment) {
    case "production":
      return { connect: `https://${s}.cardconnect.com`, terminal: `https://${s}.cardpointe.com` };
    case "uat":
      return { connect: `https://${s}-uat.cardconnect.com`, terminal: `https://${s}-uat.cardpointe.com` };
    case "sandbox": {
      if (!appUrl) throw new CardPointeUrlError("the CardPointe sandbox needs the portal's URL");
      const root = `${appUrl.replace(/\/+$/, "")}/sandbox/cardpointe/${s}-uat`;
      return { connect: root, terminal: root };
    }
  }
}

export function cardpointeUrls(roots: CardPointeRoots): CardPointeUrls {
  const connect = roots.connect.replace(/\/+$/, "");
  const terminal = roots.terminal.replace(/\/+$/, "");
  return {
    gateway: `${connect}/cardconnect/rest`,
    tokenize: `${connect}/cardsecure/api/v1/ccn/tokenize`,
    terminal: `${terminal}/api/v3`,
    itoke: `${connect}/itoke/ajax-tokenizer.html`,
  };
}

/** A root is a test root when it is the emulator (/sandbox/ path or sandbox host) or a CardPointe UAT host. */
export function isCardPointeTestRoot(root: string): boolean {
  let u: URL;
  try {
    u = new URL(root);
  } catch {
    throw new CardPointeUrlError(`CardPointe URL is not a valid URL: ${root}`);
  }
  return (
    /(^|\/)sandbox(\/|$)/i.test(u.pathname) ||
    /(^|[.-])sandbox([.-]|$)/i.test(u.hostname) ||
    /-uat\.(cardconnect|cardpointe)\.com$/i.test(u.hostname) ||
    // The emulator's own path prefix carries the environment too.
    /\/[a-z0-9-]+-uat(\/|$)/i.test(u.pathname)
  );
}

/**
 * Production merchants reach only the vendor's production hosts over https; sandbox merchants only the emulator
 * or UAT. Pointing a live MID at a test host would silently drop real charges; a test MID on a live host would put
 * test cards on real money.
 */
export function assertRootsMatchEnvironment(production: boolean, roots: CardPointeRoots): void {
  for (const root of [roots.connect, roots.terminal]) {
    const test = isCardPointeTestRoot(root);
    if (production) {
      const u = new URL(root);
      if (test) throw new CardPointeUrlError(`a production merchant cannot use the test URL ${root}`);
      if (u.protocol !== "https:") throw new CardPointeUrlError(`a production URL must use https: ${root}`);
      if (!/(^|\.)(cardconnect|cardpointe)\.com$/i.test(u.hostname)) {
        throw new CardPointeUrlError(`a production merchant must use a cardconnect.com / cardpointe.com host: ${root}`);
      }
    } else if (!test) {
      throw new CardPointeUrlError(`a sandbox merchant cannot use the production URL ${root}`);
    }
  }
}
