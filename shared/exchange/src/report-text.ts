import type { ImportReport } from './import';

/** The report as officials read it: a summary, then each problem by row and column, Vietnamese first. */
export function formatReport(report: ImportReport, maxProblems = 50): string {
  const lines = [
    `${report.dryRun ? 'Kiểm tra thử (dry run)' : 'Nhập dữ liệu (import)'}: ${report.kind}, ${report.rows} dòng (rows), ${report.format}${report.encoding ? ` ${report.encoding}` : ''}`,
    `Lỗi (errors): ${report.errors} · Cảnh báo (warnings): ${report.warnings}`,
    // Outside cadre records, "unchanged" is a row whose record is in already (by its natural key): skipped.
    `Thêm mới (created): ${report.created} · Cập nhật (updated): ${report.updated} · ${report.kind === 'cadres' ? 'Không đổi (unchanged)' : 'Đã có, bỏ qua (already in, skipped)'}: ${report.unchanged}` +
      (report.resumedBatches ? ` · Lô đã nhập trước (batches resumed): ${report.resumedBatches}` : ''),
  ];
  if (!report.dryRun)
    lines.push(
      report.committed
        ? 'Đã ghi toàn bộ tệp (the whole file is in).'
        : 'Chưa ghi gì từ tệp có lỗi (nothing written from a file with errors).',
    );
  for (const p of report.problems.slice(0, maxProblems)) {
    const where = `Dòng ${p.row}${p.column ? `, cột "${p.column}"` : ''}`;
    const value = p.value !== undefined ? ` [${p.value}]` : '';
    const hint = p.suggestion ? ` → "${p.suggestion}"?` : '';
    lines.push(`  ${p.severity === 'ERROR' ? 'LỖI' : 'CẢNH BÁO'} ${where}${value}: ${p.messageVi}${hint}`);
    lines.push(`      ${p.severity} row ${p.row}${p.key ? ` (${p.key})` : ''}: ${p.messageEn}`);
  }
  if (report.problems.length > maxProblems)
    lines.push(`  … ${report.problems.length - maxProblems} more (--report <file> writes every one)`);
  lines.push(`${report.seconds.toFixed(1)} s, ${Math.round(report.rows / Math.max(report.seconds, 0.001))} rows/s`);
  return lines.join('\n');
}
