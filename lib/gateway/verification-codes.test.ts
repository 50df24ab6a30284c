import { describe, expect, it } from "vitest";
import { avsResult } from "./verification-codes";

describe("AVS codes", () => {
  it("names E and Q, which the CardPointe gateway returns (services.md L92), instead of leaving them unknown", () => {
    for (const code of ["E", "Q"]) {
      const r = avsResult(code);
      expect(r?.code).toBe(code);
      expect(r?.description).not.toMatch(/unrecognised/i);
      expect(r?.matched).toBeNull();
    }
  });
});
