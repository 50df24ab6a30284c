/**
 * The layers of the portal, one way only (docs/architecture.md), checked by `npm run lint` and `npm test`.
 * A module may import modules of its own layer or of a layer below it; never one above, never in a circle; the
 * product never imports the sandbox package except at its composition point, and the package never imports the
 * product. tests/integration/architecture.test.ts proves each rule fails on a fixture that breaks it.
 */
const PRODUCT = "^(app|components|lib|db)/|^(proxy|instrumentation|instrumentation-node)\\.ts$";

/**
 * Auth.js's sign-in (lib/auth/config.ts `authorize`, which every sign-in passes through: the login form, the MFA
 * step, Auth.js's own callback URL) announces a sign-in from a browser the account has not used before, by email.
 * That one service is the only one the guard layer may call; it never imports the guard back.
 */
const SIGN_IN_NOTICE = "^lib/services/account/new-device\\.ts$";

/** Each layer, from the top down: where it is, which layers below it it may import (and, rarely, one module more). */
const LAYERS = {
  app: [
    "^(app/|proxy\\.ts$|instrumentation(-node)?\\.ts$)",
    ["components", "jobs", "actions", "services", "sync", "connections", "adapters", "auth", "queries"],
  ],
  components: ["^components/", ["actions", "services", "sync", "connections", "adapters", "auth", "queries"]],
  cli: [
    "^lib/cli/",
    ["jobs", "actions", "services", "sync", "connections", "adapters", "auth", "queries", "queue", "db"],
  ],
  jobs: ["^lib/jobs/", ["services", "sync", "connections", "adapters", "auth", "queries", "queue", "db"]],
  actions: ["^lib/actions/", ["services", "sync", "connections", "adapters", "auth", "queries", "queue", "db"]],
  // Services enqueue jobs (an email) through the queue client, in their own transaction.
  services: ["^lib/services/", ["sync", "connections", "adapters", "auth", "queries", "queue", "db"]],
  // The sync announces what it records to the merchant's webhook endpoints (lib/sync/merchant-events.ts): the events
  // and their delivery jobs are written in the transaction of the change, through the queue client.
  sync: ["^lib/sync/", ["connections", "adapters", "queries", "queue", "db"]],
  // A tenant's provider clients, built from its sealed credentials.
  connections: ["^lib/connections/", ["adapters", "queries", "db"]],
  // Adapters speak one provider's wire format and know nothing of the database.
  adapters: ["^lib/(gateway|copilot|giftcard|elasticpath|mail|sandbox-control)(/|\\.ts$)", []],
  // The guard reads memberships through the read layer; sign-in announces a new browser (SIGN_IN_NOTICE).
  auth: ["^lib/auth/", ["queries", "db"], SIGN_IN_NOTICE],
  queries: ["^db/queries/", ["db"]],
  // The pg-boss client: jobs are rows in PostgreSQL, inserted in the caller's transaction when it passes one.
  queue: ["^lib/queue/", ["db"]],
  db: ["^db/(schema/|client\\.ts$|embedded\\.ts$|migrate\\.ts$)", []],
};
/**
 * The bottom, which every layer may import: errors (the portal's, the guard's, the gateway port's), permissions,
 * money and totals, the action result type, env and log, zod schemas shared by forms and actions, the gateway
 * port's domain types.
 */
const CORE =
  "^lib/(?!(cli|jobs|queue|actions|services|sync|connections|gateway|copilot|giftcard|elasticpath|mail|sandbox-control|auth)(/|\\.ts$))" +
  "|^lib/gateway/(types[^/]*|errors)\\.ts$|^lib/auth/(errors|permissions)\\.ts$";

const layerRules = Object.entries(LAYERS).map(([name, [path, mayImport, alsoModule]]) => ({
  name: `layer-${name}`,
  comment: `${name} imports only itself, ${mayImport.join(", ") || "nothing else"} and the core`,
  severity: "error",
  from: { path, pathNot: CORE },
  to: {
    path: PRODUCT,
    pathNot: [path, ...mayImport.map((n) => LAYERS[n][0]), CORE, ...(alsoModule ? [alsoModule] : [])].join("|"),
  },
}));
/** Every product module belongs to a layer or to the core. */
const unplaced = {
  name: "layer-unplaced",
  comment: "A product module outside every layer: add it to one in .dependency-cruiser.cjs",
  severity: "error",
  from: {},
  to: { path: PRODUCT, pathNot: [...Object.values(LAYERS).map(([p]) => p), CORE].join("|") },
};

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules that import each other in a loop: one of them sits in the wrong layer.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "product-never-imports-sandbox",
      comment:
        "The sandboxes are another company's systems: the product reaches them over HTTP (lib/sandbox-control.ts). Only the composition point mounts them: app/sandbox/ and lib/cli/.",
      severity: "error",
      from: { path: PRODUCT, pathNot: "^(app/sandbox/|lib/cli/)" },
      to: { path: "(^|/)(packages/sandbox|node_modules/@portal/sandbox)/" },
    },
    {
      name: "sandbox-never-imports-product",
      comment: "The sandbox package stands alone: its own pool, config and helpers.",
      severity: "error",
      from: { path: "^packages/sandbox/" },
      to: { path: PRODUCT },
    },
    {
      name: "pages-read-through-queries",
      comment: "Pages, route handlers and components read through db/queries; never the client, schema or drizzle.",
      severity: "error",
      from: { path: "^(app|components)/" },
      to: { path: "^db/(client|schema)|(^|/)node_modules/drizzle-orm/" },
    },
    ...layerRules,
    unplaced,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.(test|spec)\\.tsx?$|^tests/|^\\.next|^node_modules/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
