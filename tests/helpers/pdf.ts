import { inflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";

/**
 * The text drawn on a PDF's pages, read back: loads it with pdf-lib (a malformed file throws), inflates each page's
 * content streams and decodes the strings of its text operators (hex `<…>` as pdf-lib writes them, or literal `(…)`).
 * Enough for documents made by lib/pdf (standard fonts, WinAnsi); one string per text operator.
 */
/** WinAnsi bytes 0x80–0x9F that differ from Latin-1 (the ones the portal's text uses). */
const WIN_ANSI: Record<number, string> = {
  0x80: "€",
  0x85: "…",
  0x91: "‘",
  0x92: "’",
  0x93: "“",
  0x94: "”",
  0x96: "–",
  0x97: "—",
};
const winAnsi = (b: Buffer) => [...b].map((c) => WIN_ANSI[c] ?? String.fromCharCode(c)).join("");

export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; strings: string[] }> {
  const doc = await PDFDocument.load(bytes);
  const strings: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents ? ("asArray" in contents ? contents.asArray() : [contents]) : [];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref) as unknown as { getContents(): Uint8Array; dict: { toString(): string } };
      const raw = Buffer.from(stream.getContents());
      const text = (stream.dict.toString().includes("FlateDecode") ? inflateSync(raw) : raw).toString("latin1");
      for (const m of text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
        strings.push(m[1] !== undefined ? winAnsi(Buffer.from(m[1], "hex")) : m[2]!.replace(/\\(.)/g, "$1"));
      }
    }
  }
  return { pages: doc.getPageCount(), strings };
}
