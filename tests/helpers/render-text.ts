// Pages answer outsiders with forbidden() (next.config.ts turns authInterrupts on); outside Next, say so too.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS ??= "true";

/**
 * Every string a server component's returned element tree carries (text children and string props, e.g. an href),
 * for asserting what a page would put in front of a user without a browser. Synchronous components without hooks
 * (the kit's Table, which renders its rows through column functions) are rendered; a component that needs React's
 * renderer (hooks: client components) is walked by its props instead; nested async components are not rendered, so
 * pages under test pass their data down as props.
 */
export function textOf(node: unknown, out: string[] = [], depth = 0): string {
  if (depth > 200 || node === null || node === undefined || typeof node === "boolean") return out.join(" ");
  if (typeof node === "string" || typeof node === "number") {
    out.push(String(node));
    return out.join(" ");
  }
  if (Array.isArray(node)) {
    for (const n of node) textOf(n, out, depth + 1);
    return out.join(" ");
  }
  if (typeof node === "object") {
    const { type, props: elementProps } = node as { type?: unknown; props?: Record<string, unknown> };
    if (
      typeof type === "function" &&
      type.constructor.name === "Function" &&
      !(type as { prototype?: { render?: unknown } }).prototype?.render
    ) {
      const rendered = renderSync(type as (p: unknown) => unknown, elementProps ?? {});
      if (rendered !== NOT_RENDERED) return textOf(rendered, out, depth + 1);
    }
    const props = (node as { props?: Record<string, unknown> }).props;
    const source = props ?? (node as Record<string, unknown>);
    for (const [k, v] of Object.entries(source)) {
      if (k.startsWith("_") || typeof v === "function") continue;
      textOf(v, out, depth + 1);
    }
  }
  return out.join(" ");
}

const NOT_RENDERED = Symbol("not rendered");

/** A function component called outside React: fine for plain ones; one that uses hooks throws, and is not rendered. */
function renderSync(component: (p: unknown) => unknown, props: unknown): unknown {
  try {
    const out = component(props);
    return out instanceof Promise ? NOT_RENDERED : out;
  } catch {
    return NOT_RENDERED;
  }
}

/** Runs a page function; a redirect/notFound/forbidden thrown by Next becomes its digest instead of an error. */
export async function renderPage(fn: () => Promise<unknown>): Promise<{ text: string; thrown: string | null }> {
  try {
    return { text: textOf(await fn()), thrown: null };
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string") return { text: "", thrown: digest };
    throw err;
  }
}
