/**
 * Merchant styling of the hosted card iframes, as the vendors document it, rendered into the emulators' iframe
 * pages:
 * - CardPointe Hosted iFrame Tokenizer: the URL-encoded `css` parameter of `ajax-tokenizer.html`, rules and media
 *   queries; declarations whose property is not on the documented "Allowed CSS Properties" list are ignored
 *   (Fiserv/card-pointe docs/documentation/HostediFrameTokenizer.md, "iFrame Styling"; docs/decisions.md).
 * - FluidPay Tokenizer: `settings.styles`, an object of selectors to declarations (`{ input: { border: "…" } }`)
 *   (fluidpay/tokenizer `StylesSettings`; shared specs/services.md §5.6).
 * Whatever the merchant passes, nothing can leave the <style> element: selectors and values with `<`, braces,
 * backslashes, `url(` or `expression(` are dropped.
 */

export type CssRule = { selector: string; declarations: [string, string][] };

/** The properties the CardPointe iFrame Tokenizer honours in `css` (its documented list). */
export const CARDPOINTE_ALLOWED_PROPERTIES = new Set(
  (
    "-moz-appearance -moz-border-radius -moz-border-radius-bottomleft -moz-border-radius-bottomright " +
    "-moz-border-radius-topleft -moz-border-radius-topright -moz-box-shadow -moz-outline -moz-outline-color " +
    "-moz-outline-style -moz-outline-width -o-text-overflow -webkit-appearance -webkit-border-bottom-left-radius " +
    "-webkit-border-bottom-right-radius -webkit-border-radius -webkit-border-radius-bottom-left " +
    "-webkit-border-radius-bottom-right -webkit-border-radius-top-left -webkit-border-radius-top-right " +
    "-webkit-border-top-left-radius -webkit-border-top-right-radius -webkit-box-shadow -webkit-font-smoothing " +
    "appearance azimuth background background-attachment background-color background-image background-position " +
    "background-repeat border border-bottom border-bottom-color border-bottom-left-radius border-bottom-right-radius " +
    "border-bottom-style border-bottom-width border-box border-collapse border-color border-left border-left-color " +
    "border-left-style border-left-width border-radius border-right border-right-color border-right-style " +
    "border-right-width border-spacing border-style border-top border-top-color border-top-left-radius " +
    "border-top-right-radius border-top-style border-top-width border-width box-shadow box-sizing caption-side color " +
    "cue cue-after cue-before direction display elevation empty-cells font font-family font-size font-stretch " +
    "font-style font-variant font-weight height letter-spacing line-height list-style list-style-image " +
    "list-style-position list-style-type margin margin-bottom margin-left margin-right margin-top max-height " +
    "max-width min-height min-width outline outline-color outline-style outline-width padding padding-bottom " +
    "padding-left padding-right padding-top pause pause-after pause-before pitch pitch-range quotes richness speak " +
    "speak-header speak-numeral speak-punctuation speech-rate stress table-layout text-align text-decoration " +
    "text-indent text-overflow text-shadow text-transform text-wrap transition-duration unicode-bidi vertical-align " +
    "voice-family volume white-space width word-spacing word-wrap"
  ).split(" "),
);

const SAFE_SELECTOR = /^[\w\s.#:,>+~()[\]="'*-]+$/;
const SAFE_PROPERTY = /^-?[a-z][a-z-]*$/;
const UNSAFE_VALUE = /[<>{}\\;]|url\s*\(|expression\s*\(|@import/i;
const SAFE_MEDIA = /^@media[\w\s():,.-]+$/;

function cleanRule(rule: CssRule, allowed?: Set<string>): CssRule | null {
  const selector = rule.selector.trim();
  if (!selector || !SAFE_SELECTOR.test(selector)) return null;
  const declarations = rule.declarations
    .map(([p, v]) => [p.trim().toLowerCase(), v.trim()] as [string, string])
    .filter(([p, v]) => SAFE_PROPERTY.test(p) && v && !UNSAFE_VALUE.test(v) && (!allowed || allowed.has(p)));
  return declarations.length ? { selector, declarations } : null;
}

const render = (rules: CssRule[]) =>
  rules.map((r) => `${r.selector}{${r.declarations.map(([p, v]) => `${p}:${v}`).join(";")}}`).join("");

function parseRules(css: string): CssRule[] {
  const rules: CssRule[] = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = (m[2] ?? "")
      .split(";")
      .map((d) => d.split(":"))
      .filter((d) => d.length >= 2)
      .map((d) => [d[0] ?? "", d.slice(1).join(":")] as [string, string]);
    rules.push({ selector: m[1] ?? "", declarations });
  }
  return rules;
}

/** The CardPointe `css` parameter (already URL-decoded) as a safe stylesheet: rules and `@media` blocks. */
export function cardpointeCss(css: string | null): string {
  if (!css) return "";
  const out: string[] = [];
  let rest = css.slice(0, 4000);
  for (const m of rest.matchAll(/(@media[^{]+)\{((?:[^{}]*\{[^{}]*\})*)\s*\}/g)) {
    const query = (m[1] ?? "").trim();
    const inner = parseRules(m[2] ?? "")
      .map((r) => cleanRule(r, CARDPOINTE_ALLOWED_PROPERTIES))
      .filter((r): r is CssRule => r !== null);
    if (SAFE_MEDIA.test(query) && inner.length) out.push(`${query}{${render(inner)}}`);
    rest = rest.replace(m[0], "");
  }
  const flat = parseRules(rest)
    .map((r) => cleanRule(r, CARDPOINTE_ALLOWED_PROPERTIES))
    .filter((r): r is CssRule => r !== null);
  return render(flat) + out.join("");
}

/** FluidPay `settings.styles` (`{ selector: { property: value } }`) as a safe stylesheet. */
export function fluidpayCss(styles: unknown): string {
  if (!styles || typeof styles !== "object" || Array.isArray(styles)) return "";
  const rules = Object.entries(styles as Record<string, unknown>)
    .slice(0, 50)
    .map(([selector, decl]) =>
      decl && typeof decl === "object" && !Array.isArray(decl)
        ? cleanRule({
            selector,
            declarations: Object.entries(decl as Record<string, unknown>)
              .filter(([, v]) => typeof v === "string" || typeof v === "number")
              .map(([p, v]) => [p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), String(v)]),
          })
        : null,
    )
    .filter((r): r is CssRule => r !== null);
  return render(rules);
}
