import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { rawEnv } from "@/lib/env";

/**
 * `npm run endpoints`: regenerates lib/gateway/documented-endpoints.json — every (method, path) the seeds and
 * shared/specs document for the services the adapters call, each with the line it comes from. The adapters' contract
 * tests assert that every request they send is in this list (issue 22: production paths call only documented
 * endpoints). Reads the design card's shared folder (SHARED_DIR, default /work/shared):
 * - seeds/003_*.txt (FluidPay family): "Request Method: X" then "… URL Endpoint: /api/…" lines;
 * - specs/openapi/*.yaml: the `paths:` keys and their operations (a line scan: the files are plain two-space YAML);
 * - CURATED: the few endpoints only services.md names, each cited.
 */

export interface DocumentedEndpoint {
  service: "fluidpay" | "cardpointe-gateway" | "cardpointe-terminal" | "cardsecure" | "copilot";
  method: string;
  /** Path template; every parameter is written `{}`. */
  path: string;
  source: string;
}

const SHARED = rawEnv("SHARED_DIR") ?? "/work/shared";

/** `{ customer id }` / `{merchid}` → `{}` */
export function template(p: string): string {
  return p.trim().replace(/\{[^}]*\}/g, "{}");
}

function fromSeed003(): DocumentedEndpoint[] {
  const dir = path.join(SHARED, "seeds");
  const file = readdirSync(dir).find((f) => f.startsWith("003_"));
  if (!file) throw new Error("seed 003 not found");
  const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
  const out: DocumentedEndpoint[] = [];
  let method: string | undefined;
  lines.forEach((line, i) => {
    const m = /^Request Method:\s*([A-Z]+)/.exec(line.trim());
    if (m) method = m[1];
    const u = /URL Endpoint:\s*(\/api\/\S.*)$/.exec(line.trim());
    if (u && method) {
      out.push({ service: "fluidpay", method, path: template(u[1] as string), source: `seeds/${file}:L${i + 1}` });
    }
  });
  return out;
}

const OPENAPI: Record<string, DocumentedEndpoint["service"]> = {
  "CardPointeGatewayAPI.yaml": "cardpointe-gateway",
  "CardPointeIntegratedTerminalAPI.yaml": "cardpointe-terminal",
  "CardSecureAPI.yaml": "cardsecure",
  "CoPilotAPI.yaml": "copilot",
};

function fromOpenApi(): DocumentedEndpoint[] {
  const out: DocumentedEndpoint[] = [];
  for (const [file, service] of Object.entries(OPENAPI)) {
    const lines = readFileSync(path.join(SHARED, "specs/openapi", file), "utf8").split("\n");
    let inPaths = false;
    let current: string | undefined;
    lines.forEach((line, i) => {
      if (/^paths:\s*$/.test(line)) inPaths = true;
      else if (/^[A-Za-z][\w-]*:\s*$/.test(line)) inPaths = false;
      if (!inPaths) return;
      const p = /^ {2}(\/\S*):\s*$/.exec(line.trimEnd());
      if (p) current = template(p[1] as string);
      const op = /^ {3,4}(get|post|put|patch|delete|head|options):\s*$/.exec(line.trimEnd());
      if (op && current) {
        out.push({
          service,
          method: (op[1] as string).toUpperCase(),
          path: current,
          source: `specs/openapi/${file}:L${i + 1}`,
        });
      }
    });
  }
  return out;
}

/** Only services.md names these (FluidPay §5.2 table); kept short and cited. */
const CURATED: DocumentedEndpoint[] = [
  { service: "fluidpay", method: "POST", path: "/api/terminal/{}/settle", source: "specs/services.md:L313" },
  // `batchid optional (lowest open batch)`: both forms.
  {
    service: "cardpointe-gateway",
    method: "GET",
    path: "/cardconnect/rest/closebatch/{}",
    source: "specs/services.md:L43",
  },
  {
    service: "cardpointe-gateway",
    method: "GET",
    path: "/cardconnect/rest/closebatch/{}/{}",
    source: "specs/services.md:L43",
  },
];

export function documentedEndpoints(): DocumentedEndpoint[] {
  const all = [...fromSeed003(), ...fromOpenApi(), ...CURATED];
  const seen = new Set<string>();
  return all.filter((e) => {
    const k = `${e.service} ${e.method} ${e.path}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

if (process.argv[1]?.endsWith("endpoints.ts")) {
  const list = documentedEndpoints();
  const file = path.join(process.cwd(), "lib/gateway/documented-endpoints.json");
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
  console.log(`${list.length} documented endpoints → ${path.relative(process.cwd(), file)}`);
}
