import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, toCsv } from "./csv";

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
    const res = csvResponse('../../x";\r\nSet-Cookie: a=b.csv', "a\n");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename=".._.._x____Set-Cookie__a_b.csv"');
  });
});
