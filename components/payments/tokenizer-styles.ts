/**
 * How the gateway's card fields look, passed through each tokenizer's documented styling parameter so the fields
 * inside the iframe match the page's own inputs (the pay page's amount field: slate-300 border, 6 px radius, 16 px
 * text, brand focus ring): FluidPay's `settings.styles` (selector → declarations) and CardPointe's iFrame Tokenizer
 * `css` URL parameter (only its documented properties count there; the rest is ignored). docs/decisions.md.
 */
const FONT = 'ui-sans-serif, system-ui, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"';

export const TOKENIZER_STYLES: Record<string, Record<string, string>> = {
  body: { "font-family": FONT, color: "#0f172a", margin: "0", padding: "2px", background: "transparent" },
  label: { "font-size": "14px", "font-weight": "500", color: "#1e293b", margin: "10px 0 4px" },
  "input, select": {
    "box-sizing": "border-box",
    height: "46px",
    padding: "10px 12px",
    border: "1px solid #cbd5e1",
    "border-radius": "6px",
    background: "#ffffff",
    color: "#0f172a",
    "font-family": FONT,
    "font-size": "16px",
    "box-shadow": "0 1px 2px rgba(15, 23, 42, 0.05)",
  },
  input: { width: "100%" },
  "input:focus, select:focus": { outline: "2px solid #2f6fed", "border-color": "#2f6fed" },
  "input[aria-invalid=true], input.error": { "border-color": "#dc2626" },
  ".err, .error": { color: "#b91c1c", "font-size": "14px" },
};

/**
 * Both forms, as the drivers take them in their mount options: computed where the page is rendered (the pay page: on
 * the server), so the browser carries no styling code.
 */
export interface TokenizerLook {
  styles: Record<string, Record<string, string>>;
  css: string;
}

export function tokenizerLook(): TokenizerLook {
  return { styles: TOKENIZER_STYLES, css: tokenizerCss() };
}

/** The same rules as one stylesheet string (CardPointe's `css` parameter, URL-encoded by the caller). */
export function tokenizerCss(styles = TOKENIZER_STYLES): string {
  return Object.entries(styles)
    .map(
      ([selector, decl]) =>
        `${selector}{${Object.entries(decl)
          .map(([p, v]) => `${p}:${v}`)
          .join(";")}}`,
    )
    .join("");
}
