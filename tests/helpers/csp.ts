/** A Content-Security-Policy header as directive → values ("script-src 'self' 'nonce-…'" → { "script-src": [...] }). */
export function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values];
      }),
  );
}
