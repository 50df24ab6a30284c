import { describe, expect, it } from "vitest";
import { classifyNumber, luhnValid, maskPan, scanAll, scanText } from "./card-scan";

describe("card-data scanner", () => {
  it("Luhn", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("378282246310005")).toBe(true);
    expect(luhnValid("")).toBe(false);
    expect(luhnValid("12a")).toBe(false);
  });

  it("a planted PAN fails the scan, in every form a serializer writes it", () => {
    const planted = [
      '{"level":30,"msg":"charge","card":"4111111111111111"}',
      "GET /api/x?account=5454545454545454&amount=100",
      'INSERT "notes" 4000 0566 5566 5556 end',
      "amex 3782-822463-10005",
      "tok_6011111111111117",
      "%224111111111111111%22",
      "\t4012888888881881\t2026-11-21",
      "13 digits 4222222222222 visa",
    ];
    for (const line of planted) {
      const r = scanText(line, "planted");
      expect(
        r.findings.map((f) => f.kind),
        line,
      ).toEqual(["pan"]);
      expect(r.findings[0]?.match).toMatch(/^\d{6}\*+\d{4}$/);
      expect(r.findings[0]?.context).not.toMatch(/\d{13}/);
    }
  });

  it("a planted CVV field fails the scan", () => {
    const planted = [
      '{"card":{"number":"tok","cvc":"123"}}',
      '{"cvv2": 4567}',
      "cvv=123&exp=1230",
      "card[cvc]=999",
      '"securityCode":"1234"',
      "SECURITY_CODE=321",
      '"card_cvv":"555"',
    ];
    for (const line of planted)
      expect(
        scanText(line, "p").findings.map((f) => f.kind),
        line,
      ).toEqual(["cvv"]);
  });

  it("identifiers, timestamps, tokens and verification results are not card data", () => {
    const clean = [
      // UUIDs and hex digests: digit runs glued to letters or hyphen-bounded short groups.
      "3f2b8c1e-4111-4111-8111-111111111111",
      "sha256 a94111111111111111b0",
      // Luhn-valid 13–19 digits inside a longer identifier or number.
      "id ch4111111111111111 and 41111111111111110000",
      // pino's epoch milliseconds and a CardSecure token (MII 1 and 9): counted, not failures.
      '{"time":1763755298123,"token":"9418594164541111"}',
      // CVV verification results, not codes.
      '{"cvv":{"code":"M","matched":true},"cvv_response_code":"M","cvvresp":"P","cvv":null,"cvc":""}',
      // Luhn-invalid 16 digits, short numbers (retref, MID), dates.
      "4111111111111112 123456789012 800000000042 2026-11-21 20:14:58.123",
    ];
    const r = scanAll(clean.map((text, i) => ({ source: `clean${i}`, text })));
    expect(r.findings).toEqual([]);
    expect(r.lines).toBe(clean.length);
  });

  it("a provider id of card-number length is tokenised by its key, never by its digits", () => {
    // A CardPointe funding transaction id and a gift-card token that happen to be Luhn-valid with a card MII.
    expect(luhnValid("63003226339941")).toBe(true);
    const ids = scanText(
      '{"fundingtxnid": "63003226339941", "cardtoken":"4111111111111111"} cardtoken=4012888888881881',
      "x",
    );
    expect(ids.findings).toEqual([]);
    expect(ids.identifiers).toBe(3);
    // The same digits under any other key, or loose, are findings.
    for (const line of ['{"note":"63003226339941"}', '{"fundingtxnid_copy":"4111111111111111"}', "id 63003226339941"])
      expect(
        scanText(line, "x").findings.map((f) => f.kind),
        line,
      ).toEqual(["pan"]);
  });

  it("classifies by the payment-card MII and masks", () => {
    expect(classifyNumber("4111111111111111")).toBe("pan");
    expect(classifyNumber("9418594164541111")).toBe(luhnValid("9418594164541111") ? "other" : null);
    expect(classifyNumber("411111111111")).toBe(null);
    expect(maskPan("4111111111111111")).toBe("411111******1111");
  });

  it("reports where: source and line", () => {
    const r = scanText('ok\nok\n{"pan":"4111111111111111"}', "server.log");
    expect(r.findings).toEqual([
      expect.objectContaining({ kind: "pan", source: "server.log", line: 3, match: "411111******1111" }),
    ]);
  });
});
