import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";

/**
 * The portal's one PDF writer (pdf-lib, pure JavaScript, standard fonts — no font files, no native code): a titled
 * document of key/value lines and a table with a totals row, on US Letter, paginated with the header row repeated.
 * Statements use it; invoices and receipts can reuse it. Text is WinAnsi (Helvetica): characters outside it are
 * replaced with "?".
 */

export interface PdfColumn {
  header: string;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
  /** Relative width (default 1). */
  width?: number;
}

export interface PdfTableDocument {
  title: string;
  subtitle?: string;
  /** Label/value lines under the title (business name, period, generated at). */
  meta?: [string, string][];
  /** Summary label/value pairs, in a box above the table. */
  summary?: [string, string][];
  columns: PdfColumn[];
  rows: string[][];
  totals?: string[];
  footnote?: string;
}

const MARGIN = 40;
const ROW = 16;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.4, 0.45, 0.5);
const RULE = rgb(0.85, 0.87, 0.9);

/** Makes `text` printable in a standard font (WinAnsi), so odd characters never throw. */
function printable(font: PDFFont, text: string): string {
  let out = "";
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += "?";
    }
  }
  return out;
}

function fit(font: PDFFont, text: string, size: number, width: number): string {
  const t = printable(font, text);
  if (font.widthOfTextAtSize(t, size) <= width) return t;
  let cut = t;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export async function renderTablePdf(doc: PdfTableDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(doc.title);
  pdf.setProducer("Merchant Portal");
  pdf.setCreator("Merchant Portal");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const landscape = doc.columns.length > 6;
  const [pw, ph] = landscape ? [792, 612] : [612, 792];
  const usable = pw - 2 * MARGIN;
  const weights = doc.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (usable * w) / total);
  let page: PDFPage = pdf.addPage([pw, ph]);
  let y = ph - MARGIN;

  const text = (p: PDFPage, s: string, x: number, yy: number, size: number, font: PDFFont, color = INK) =>
    p.drawText(printable(font, s), { x, y: yy, size, font, color });

  text(page, doc.title, MARGIN, y - 18, 18, bold);
  y -= 30;
  if (doc.subtitle) {
    text(page, doc.subtitle, MARGIN, y - 12, 11, regular, MUTED);
    y -= 18;
  }
  for (const [k, v] of doc.meta ?? []) {
    text(page, `${k}:`, MARGIN, y - 10, 9, bold, MUTED);
    text(page, v, MARGIN + 110, y - 10, 9, regular);
    y -= 13;
  }
  y -= 8;
  if (doc.summary?.length) {
    const perRow = 4;
    const cellW = usable / perRow;
    const lines = Math.ceil(doc.summary.length / perRow);
    const boxH = lines * 34 + 8;
    page.drawRectangle({ x: MARGIN, y: y - boxH, width: usable, height: boxH, borderColor: RULE, borderWidth: 1 });
    doc.summary.forEach(([k, v], i) => {
      const cx = MARGIN + 8 + (i % perRow) * cellW;
      const cy = y - 8 - Math.floor(i / perRow) * 34;
      text(page, fit(regular, k, 8, cellW - 12), cx, cy - 9, 8, regular, MUTED);
      text(page, fit(bold, v, 12, cellW - 12), cx, cy - 25, 12, bold);
    });
    y -= boxH + 14;
  }

  const drawRow = (cells: string[], font: PDFFont, size: number) => {
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      const s = fit(font, c, size, w - 6);
      const tx = doc.columns[i]?.numeric ? x + w - 3 - font.widthOfTextAtSize(s, size) : x + 3;
      page.drawText(s, { x: tx, y: y - 11, size, font, color: INK });
      x += w;
    });
    y -= ROW;
    page.drawLine({
      start: { x: MARGIN, y: y + 2 },
      end: { x: MARGIN + usable, y: y + 2 },
      thickness: 0.5,
      color: RULE,
    });
  };
  const header = () =>
    drawRow(
      doc.columns.map((c) => c.header),
      bold,
      8,
    );
  header();
  for (const r of doc.rows) {
    if (y < MARGIN + ROW * 2) {
      page = pdf.addPage([pw, ph]);
      y = ph - MARGIN;
      header();
    }
    drawRow(r, regular, 8);
  }
  if (doc.totals) {
    if (y < MARGIN + ROW * 2) {
      page = pdf.addPage([pw, ph]);
      y = ph - MARGIN;
    }
    drawRow(doc.totals, bold, 8);
  }
  if (doc.footnote) {
    const words = printable(regular, doc.footnote).split(" ");
    let line = "";
    y -= 8;
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (regular.widthOfTextAtSize(next, 8) > usable) {
        text(page, line, MARGIN, y - 9, 8, regular, MUTED);
        y -= 11;
        line = w;
      } else line = next;
    }
    if (line) text(page, line, MARGIN, y - 9, 8, regular, MUTED);
  }
  const pages = pdf.getPages();
  pages.forEach((p, i) =>
    p.drawText(`Page ${i + 1} of ${pages.length}`, {
      x: pw - MARGIN - 60,
      y: MARGIN / 2,
      size: 8,
      font: regular,
      color: MUTED,
    }),
  );
  return pdf.save();
}

export function pdfResponse(filename: string, bytes: Uint8Array): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
