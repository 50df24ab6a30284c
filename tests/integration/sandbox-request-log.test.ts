import { describe, expect, it } from "vitest";
import { scanText } from "@/lib/security/card-scan";
import { loggedBody } from "@portal/sandbox/mount";

describe("sandbox request log bodies", () => {
  it("keeps a vault endpoint's card fields in the vault, at any depth, JSON or form", () => {
    const tokenizer = loggedBody(
      "/sandbox/gateway/tokenizer/pub_x/token",
      JSON.stringify({ type: "card", card: { number: "4111111111111111", expiration_date: "12/30", cvc: "123" } }),
    );
    expect(JSON.parse(tokenizer as string)).toEqual({
      type: "card",
      card: { number: "[vault]", expiration_date: "12/30", cvc: "[vault]" },
    });
    const auth = loggedBody(
      "/sandbox/cardpointe/fts-uat/cardconnect/rest/auth",
      JSON.stringify({ merchid: "1", account: "4111111111111111", cvv2: "999", amount: "1.00" }),
    );
    expect(JSON.parse(auth as string)).toMatchObject({ account: "[vault]", cvv2: "[vault]", amount: "1.00" });
    const gift = loggedBody("/sandbox/giftcard/v1/Token", "cardnumber=6035710000000001&securitycode=123&x=1");
    expect(gift).toBe("cardnumber=%5Bvault%5D&securitycode=%5Bvault%5D&x=1");
    for (const body of [tokenizer, auth, gift]) expect(scanText(body ?? "", "log").findings).toEqual([]);
  });

  it("logs every other endpoint as sent, so card data sent where it does not belong shows up", () => {
    const body = JSON.stringify({ description: "card 4111111111111111", cvv: "123" });
    const logged = loggedBody("/sandbox/gateway/api/lookup/fees", body);
    expect(logged).toBe(body);
    expect(scanText(logged ?? "", "log").findings.map((f) => f.kind)).toEqual(["pan", "cvv"]);
    // Other fields of a vault endpoint are logged too: a PAN in a description is found.
    const inDescription = loggedBody(
      "/sandbox/gateway/api/transaction",
      JSON.stringify({ payment_method: { token: "tok_1" }, description: "4111111111111111" }),
    );
    expect(scanText(inDescription ?? "", "log").findings.map((f) => f.kind)).toEqual(["pan"]);
  });

  it("withholds an unparsable vault body and bounds long ones", () => {
    expect(loggedBody("/sandbox/cardpointe/fts-uat/cardsecure/api/v1/ccn/tokenize", "<xml>4111</xml>")).toBe(
      "[vault: unparsed body withheld]",
    );
    expect(loggedBody("/sandbox/gateway/api/x", "a".repeat(20_000))?.length).toBeLessThan(16_500);
    expect(loggedBody("/sandbox/gateway/api/x", null)).toBeNull();
  });
});
