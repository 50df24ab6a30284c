import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { csvCell, csvResponse, readProviderCsv, toCsv } from "./csv";

describe("CSV exports neutralise formula injection", () => {
  it.each([
    ['=HYPERLINK("http://evil.test","click")', `'=HYPERLINK("http://evil.test","click")`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["+SUM(1+1)", "'+SUM(1+1)"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["  =1+1", "'  =1+1"],
  ])("%j is exported as text", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ["-12.50", "-12.50"],
    [-1250, "-1250"],
    ["0.00", "0.00"],
    ["Acme Coffee", "Acme Coffee"],
    ["a=b", "a=b"],
    ["name@example.com", "name@example.com"],
    [null, ""],
    [undefined, ""],
  ])("%j is left as it is", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("quotes separators and newlines so a cell cannot start a new cell or row", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["x,=1+1", "line\n=2+2"],
        ["=3", '"=4'],
      ],
    );
    const rows = parse(csv) as string[][];
    expect(rows).toEqual([
      ["a", "b"],
      ["x,=1+1", "line\n=2+2"],
      ["'=3", '"=4'],
    ]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("keeps the file name of the download header safe", () => {
    const res = csvResponse('../../x";\r\nSet-Cookie: a=b.csv', ["a"], []);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename=".._.._x____Set-Cookie__a_b.csv"');
  });

  it("re-writes a provider's CSV through the same writer: echoed formula cells become text", async () => {
    const gateway =
      'line,description,result_status\n"1","=HYPERLINK(""http://evil.test"",""x"")","approved"\n"2","-12.50","declined"\n';
    const { header, rows } = readProviderCsv(gateway);
    const res = csvResponse("result.csv", header, rows);
    const out = parse(await res.text()) as string[][];
    expect(out[1]?.[1]).toBe('\'=HYPERLINK("http://evil.test","x")');
    expect(out[2]?.[1]).toBe("-12.50");
  });
});

describe("one CSV writer", () => {
  /** Source files of the portal (not the sandboxes: they emulate the provider's own files). */
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return name === "sandbox" || name === "node_modules" ? [] : sources(p);
      return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
    });
  }

  it("no route, action or service writes CSV or a text/csv response except lib/csv.ts", () => {
    const offenders = ["app", "lib", "components"]
      .flatMap((d) => sources(d))
      .filter((f) => f !== path.join("lib", "csv.ts"))
      .filter((f) => {
        const text = readFileSync(f, "utf8");
        return /from "csv-stringify|text\/csv; charset|new Response\([^)]*csv/.test(text);
      });
    expect(offenders).toEqual([]);
  });
});
