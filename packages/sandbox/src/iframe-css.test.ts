import { describe, expect, it } from "vitest";
import { cardpointeCss, fluidpayCss } from "./iframe-css";

describe("merchant styling of the hosted card iframes", () => {
  it("CardPointe css: keeps documented properties and media queries, ignores the rest", () => {
    expect(
      cardpointeCss(
        ".error{color: red;border-color:red;}input{width:500px;position:absolute}@media (max-width: 400px){input{font-size:16px}}",
      ),
    ).toBe(".error{color:red;border-color:red}input{width:500px}@media (max-width: 400px){input{font-size:16px}}");
  });

  it("CardPointe css: nothing escapes the style element", () => {
    expect(cardpointeCss("input{color:red}</style><script>alert(1)</script>")).toBe("input{color:red}");
    expect(cardpointeCss("input{background-image:url(https://evil.example/x)}")).toBe("");
    expect(cardpointeCss("body<x>{color:red}")).toBe("");
    expect(cardpointeCss(null)).toBe("");
  });

  it("FluidPay styles: selectors to declarations, camelCase allowed, unsafe values dropped", () => {
    expect(
      fluidpayCss({
        input: { border: "1px solid #cbd5e1", borderRadius: "6px", fontSize: 16 },
        "input:focus": { outline: "2px solid #2f6fed" },
        label: { color: "#1e293b</style>" },
      }),
    ).toBe("input{border:1px solid #cbd5e1;border-radius:6px;font-size:16}input:focus{outline:2px solid #2f6fed}");
    expect(fluidpayCss("input{color:red}")).toBe("");
    expect(fluidpayCss(null)).toBe("");
  });
});
