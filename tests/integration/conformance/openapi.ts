import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parseDocument } from "yaml";

/**
 * Where a vendor file is wrong, the correction and why (each also in docs/decisions.md, "OpenAPI conformance").
 * `fix` rewrites the parsed spec before it is compiled; `statuses` are answers the file leaves undeclared.
 */
export const ERRATA: {
  spec: string;
  where: string;
  why: string;
  source?: (text: string) => string;
  fix?: (s: Spec) => void;
  statuses?: string[];
  /** A plain-text body the vendor documents elsewhere for this operation and status, accepted verbatim. */
  text?: { path: string; method: string; status: string; body: string };
}[] = [
  {
    spec: "CoPilotAPI",
    where: "L3031-3047 (the customFields schema's example)",
    why: "a JSON example mis-indented under `example:` is not valid YAML, and every schema after it would be lost; the example is dropped",
    source: (t) => t.replace(/\n {6}example: *\n {8}"customFields": \[[\s\S]*?\n {4}\]\n/, "\n"),
  },
  {
    spec: "CoPilotAPI",
    where: "/auth/realms/cardconnect/protocol/openid-connect/token responses (200, 400, 404 only)",
    why: "services.md L182: token errors follow Keycloak's `{error, error_description}` with 401 (invalid_grant / invalid_client)",
    statuses: ["401"],
  },
  {
    spec: "CoPilotAPI",
    where: "L4068-4072 (pciProgramCd: type number)",
    why: "its example is ANNUAL and its values are the pciProgramCodes lookup's codes (services.md L243); a string",
    fix: (s) => retype(s, "pciProgramCd", "number", "string"),
  },
  {
    spec: "CoPilotAPI",
    where: "L4083-4087 (pciAnnualFee: type string)",
    why: "its example is 2.22 and services.md L242 lists it among the numeric fees, like every other fee in the file",
    fix: (s) => retype(s, "pciAnnualFee", "string", "number"),
  },
  {
    spec: "CoPilotAPI",
    where: "components.schemas (no property is declared `nullable`)",
    why: "the merchant, status, signature and order answers carry null for values not set yet (e.g. `boardedDatetime`, `trackingNumber`, unset fees), which CoPilot answers as null (services.md §7 lists them as fields of every answer); null is accepted for any typed property",
    fix: (s) => nullable(s),
  },
  {
    spec: "CardPointeIntegratedTerminalAPI",
    where: "L2492-2560 (error bodies' errorCode: type string)",
    why: "its own examples are 4, and services.md §3.2 documents `{errorCode: 3, errorMessage}` as a number",
    fix: (s) => retype(s, "errorCode", "string", ["integer", "string"]),
  },
  {
    spec: "CardPointeIntegratedTerminalAPI",
    where: "L1112-1115, L1479-1482 (token: type integer)",
    why: "a CardSecure token is a 16-digit string (CardSecureAPI.yaml types it string; 16 digits exceed JSON's safe integers)",
    fix: (s) => retype(s, "token", "integer", "string"),
  },
  {
    spec: "CardPointeIntegratedTerminalAPI",
    where: "L972 (receiptData.phone: type integer)",
    why: 'its own example is "717-717-7171", a formatted string',
    fix: (s) => retype(s, "phone", "integer", "string"),
  },
  {
    spec: "CardPointeIntegratedTerminalAPI",
    where: "L2438-2440 (terminalDetailsSuccess.terminalDetails: type object)",
    why: 'its own description says "An array" and its example is a list (services.md §3.2 terminalDetails)',
    fix: (s) => retype(s, "terminalDetails", "object", "array"),
  },
  {
    spec: "CardPointeIntegratedTerminalAPI",
    where: "L1121-1124, L1488-1491, L2005-2008, L2169-2172 (signature: type object)",
    why: 'its own description says "base64-encoded, gzipped BMP", which is a string',
    fix: (s) => retype(s, "signature", "object", "string"),
  },
  {
    spec: "CardPointeGatewayAPI",
    where: "L1625-1668 (binResponse: country, bin, gsa)",
    why: "country and bin reuse the auth request's schemas (2-letter address country L1801, the Y/N `bin` flag L1592) though the answer holds a 3-letter country and the BIN digits (services.md L38); gsa is typed string with the example false beside boolean corporate",
    fix: (s) => {
      const bin = (s as unknown as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } })
        .components.schemas.binResponse!.properties;
      bin.country = { type: "string" };
      bin.bin = { type: "string" };
      bin.gsa = { type: "boolean" };
    },
  },
  {
    spec: "CardPointeGatewayAPI",
    where: "L534-538 (settlestat 200: application/json settlestatResponse only)",
    why: "when no batch matches (including an impossible date such as 0230), settlestat answers the plain-text body `Null batches` (services.md L33, from the CardPointe spec and its C client); that exact text is accepted",
    text: { path: "/cardconnect/rest/settlestat", method: "GET", status: "200", body: "Null batches" },
  },
  {
    spec: "CardPointeIntegratedTerminalAPI",
    where: "every operation's responses (no 401)",
    why: "services.md L136: a missing/invalid key or a merchantId not matching it → 401",
    statuses: ["401"],
  },
];

/** Every typed schema also accepts null (OpenAPI 3.0 `nullable: true`, spelled as ajv reads it). */
function nullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullable);
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (typeof o.type === "string") o.type = [o.type, "null"];
  if (Array.isArray(o.enum)) o.enum = [...(o.enum as unknown[]), null];
  Object.values(o).forEach(nullable);
}

/** Every property `key` typed `from` anywhere in the spec is typed `to` instead. */
function retype(node: unknown, key: string, from: string, to: string | string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => retype(n, key, from, to));
  if (!node || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === key && v && typeof v === "object" && (v as { type?: unknown }).type === from) {
      (v as { type: unknown }).type = to;
    }
    retype(v, key, from, to);
  }
}

type Spec = { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
const specs = new Map<string, Spec>();

/** Loads a committed copy of a vendor file (tests/fixtures/openapi) once. */
function spec(name: string): Spec {
  let s = specs.get(name);
  if (!s) {
    // Erratum: CardPointeIntegratedTerminalAPI.yaml L2676-2677 (terminalDetailsResponse example) is not valid YAML
    // (a flow map holding a bare list); the parser's recovery keeps every schema, so errors are tolerated here.
    let src = readFileSync(join(process.cwd(), "tests/fixtures/openapi", `${name}.yaml`), "utf8");
    for (const e of ERRATA) if (e.spec === name && e.source) src = e.source(src);
    s = parseDocument(src, { logLevel: "silent" }).toJS({ mapAsMap: false }) as Spec;
    for (const e of ERRATA) if (e.spec === name) e.fix?.(s);
    ajv.addSchema(s as object, name);
    specs.set(name, s);
  }
  return s;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

/**
 * The spec's verdict on one answer: the status must be declared for the operation (or `default`), and a JSON body
 * must match that status's `application/json` schema. Returns a list of problems, empty when it conforms.
 */
export async function conformance(name: string, path: string, method: string, res: Response): Promise<string[]> {
  const s = spec(name);
  const op = s.paths[path]?.[method.toLowerCase()];
  if (!op) return [`${name}: no operation ${method} ${path}`];
  const status = String(res.status);
  const key = op.responses?.[status] ? status : op.responses?.default ? "default" : undefined;
  if (!key) {
    if (ERRATA.some((e) => e.spec === name && e.statuses?.includes(status))) return [];
    return [`${name} ${method} ${path}: status ${status} is not declared`];
  }
  const response = op.responses![key] as { content?: Record<string, { schema?: unknown }> };
  const text = await res.text();
  if (!response.content?.["application/json"]?.schema) return [];
  const documentedText = ERRATA.some(
    (e) =>
      e.spec === name &&
      e.text?.path === path &&
      e.text.method === method.toUpperCase() &&
      e.text.status === status &&
      e.text.body === text,
  );
  if (documentedText) return [];
  const ref = `${name}#/${pointer("paths", path, method.toLowerCase(), "responses", key, "content", "application/json", "schema")}`;
  const validate = ajv.getSchema(ref) as ValidateFunction | undefined;
  if (!validate) return [`${name}: cannot resolve ${ref}`];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${name} ${method} ${path} ${status}: body is not JSON: ${text.slice(0, 80)}`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${name} ${method} ${path} ${status}: ${e.instancePath} ${e.message}`);
}
