/**
 * Node ESM resolve hook for the e2e test process (registered by playwright.config.ts): `next/server`, `next/cache`
 * and the other subpaths of the `next` package have no exports map, so Node's ESM resolver wants `next/cache.js`.
 * Bundlers (Next itself, Vite in the vitest projects, tsx) add the extension; this does the same, for `next/*` only.
 */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    if (err?.code === "ERR_MODULE_NOT_FOUND" && /^next\/[\w-]+(\/[\w-]+)*$/.test(specifier))
      return nextResolve(`${specifier}.js`, context);
    throw err;
  }
}
