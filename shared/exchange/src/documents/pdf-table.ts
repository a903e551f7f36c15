import { must } from '@cadres/core';
import type PDFDocument from 'pdfkit';

export interface PdfColumn {
  header: string;
  /** Share of the usable width. */
  width: number;
}

const PADDING = 3;

/**
 * A bordered table in pdfkit (which has no tables of its own in the typed API): each row as tall as
 * its tallest wrapped cell, a new page (with the header again) when a row would cross the margin.
 */
export function drawTable(
  doc: PDFKit.PDFDocument,
  columns: PdfColumn[],
  rows: string[][],
  fonts: { regular: string; bold: string },
): void {
  const left = doc.page.margins.left;
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * usable);
  const widthOf = (column: number) => must(widths[column], 'a row has a cell per column');
  const fontSize = 9.5;

  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(fontSize);
    return (
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widthOf(i) - 2 * PADDING }))) +
      2 * PADDING
    );
  };
  const drawRow = (cells: string[], font: string) => {
    const height = heightOf(cells, font);
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (font !== fonts.bold)
        drawRow(
          columns.map((c) => c.header),
          fonts.bold,
        );
    }
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.rect(x, top, widthOf(i), height).lineWidth(0.5).stroke();
      doc
        .font(font)
        .fontSize(fontSize)
        .text(cell || '', x + PADDING, top + PADDING, {
          width: widthOf(i) - 2 * PADDING,
          align: font === fonts.bold ? 'center' : 'left',
        });
      x += widthOf(i);
    });
    doc.x = left;
    doc.y = top + height;
  };

  drawRow(
    columns.map((c) => c.header),
    fonts.bold,
  );
  if (rows.length === 0)
    drawRow(
      columns.map((_, i) => (i === 0 ? 'Không có' : '')),
      fonts.regular,
    );
  for (const row of rows) drawRow(row, fonts.regular);
  doc.moveDown(0.6);
}

export type { PDFDocument };
