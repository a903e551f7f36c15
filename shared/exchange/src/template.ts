import ExcelJS from 'exceljs';
import type { KindDefinition } from './columns';

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Rows of the template above the data: title, Vietnamese header, English header. */
export const TEMPLATE_HEADER_ROWS = 3;
const TEMPLATE_ROWS_WITH_CHECKS = 2000;

/**
 * The kind's import template as a workbook: a title line, the Vietnamese header (with a note on each
 * cell saying what it takes), the English header, drop-down lists for every enumerated column (from
 * a hidden "Danh mục" sheet, as officials' own templates do), the personal ID column as text so
 * leading zeros survive, and dates as dd/mm/yyyy.
 */
export function buildTemplate(kind: KindDefinition): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cadres platform';
  const sheet = workbook.addWorksheet(kind.sheetName, { views: [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROWS }] });
  const lists = workbook.addWorksheet('Danh mục', { state: 'hidden' });
  sheet.getCell(1, 1).value = kind.title;
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  kind.columns.forEach((column, i) => {
    const index = i + 1;
    const vi = sheet.getCell(2, index);
    vi.value = column.header;
    vi.font = { bold: true };
    vi.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    vi.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
    const note = [column.required ? 'Bắt buộc (required)' : 'Không bắt buộc (optional)', column.hint]
      .filter(Boolean)
      .join('. ');
    vi.note = note;
    const en = sheet.getCell(3, index);
    en.value = column.headerEn;
    en.font = { italic: true, color: { argb: 'FF666666' } };
    const sheetColumn = sheet.getColumn(index);
    sheetColumn.width = column.width;
    if (column.type === 'personalId' || column.type === 'code' || column.type === 'text') sheetColumn.numFmt = '@';
    if (column.type === 'date') sheetColumn.numFmt = 'dd/mm/yyyy';
    if (column.type === 'enum' && column.values) {
      const labels = Object.values(column.values);
      labels.forEach((label, row) => (lists.getCell(row + 1, index).value = label));
      const range = `'Danh mục'!$${columnLetter(index)}$1:$${columnLetter(index)}$${labels.length}`;
      for (let row = TEMPLATE_HEADER_ROWS + 1; row <= TEMPLATE_HEADER_ROWS + TEMPLATE_ROWS_WITH_CHECKS; row++) {
        sheet.getCell(row, index).dataValidation = {
          type: 'list',
          allowBlank: !column.required,
          formulae: [range],
          showErrorMessage: true,
          errorTitle: column.header,
          error: 'Chọn một giá trị trong danh sách (choose a value from the list).',
        };
      }
    }
  });
  return workbook;
}

export async function writeTemplate(kind: KindDefinition, path: string): Promise<void> {
  await buildTemplate(kind).xlsx.writeFile(path);
}
