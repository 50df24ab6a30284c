import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { signatureDataUrl } from "./signature-image";

const bmp = Buffer.concat([Buffer.from("BM"), Buffer.alloc(60, 1)]);

describe("signatureDataUrl", () => {
  it("unzips a gzipped BMP (CardPointe gzipSignature) into a BMP data URL", () => {
    const url = signatureDataUrl(gzipSync(bmp).toString("base64"));
    expect(url).toBe(`data:image/bmp;base64,${bmp.toString("base64")}`);
  });

  it("passes a plain PNG through with its type", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(signatureDataUrl(png.toString("base64"))).toBe(`data:image/png;base64,${png.toString("base64")}`);
  });

  it("refuses what is not an image: text, markup, broken gzip, nothing", () => {
    expect(signatureDataUrl(Buffer.from("<svg onload=alert(1)>").toString("base64"))).toBeNull();
    expect(signatureDataUrl("not base64 at all!")).toBeNull();
    expect(signatureDataUrl(Buffer.from([0x1f, 0x8b, 1, 2, 3]).toString("base64"))).toBeNull();
    expect(signatureDataUrl(null)).toBeNull();
    expect(signatureDataUrl("")).toBeNull();
  });
});
