import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { downloadCsv, toCsv } from './csv';

export interface Column<Row> {
  header: string;
  /** The raw value: what the CSV holds and what tests compare with the API. */
  value(row: Row): string | number | null | undefined;
  /** How the cell shows it (formatted numbers, labels); the raw value otherwise. */
  render?(row: Row): ReactNode;
  numeric?: boolean;
}

/** Every table of the dashboard: a caption, a CSV export of exactly the rows shown, and an empty state. */
export function DataTable<Row>({
  id,
  caption,
  columns,
  rows,
  footer,
}: {
  id: string;
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  footer?: ReactNode;
}) {
  const { t } = useI18n();
  const exportCsv = () =>
    downloadCsv(
      `${id}.csv`,
      toCsv(
        columns.map((c) => c.header),
        rows.map((row) => columns.map((c) => c.value(row))),
      ),
    );
  return (
    <section className="card" data-table={id}>
      <header className="card-header">
        <h2 id={`${id}-caption`}>{caption}</h2>
        <button
          type="button"
          className="secondary no-print"
          onClick={exportCsv}
          disabled={rows.length === 0}
          data-export={id}
        >
          {t('exportCsv')}
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby={`${id}-caption`}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td
                      key={column.header}
                      className={column.numeric ? 'numeric' : undefined}
                      data-value={String(column.value(row) ?? '')}
                    >
                      {column.render ? column.render(row) : column.value(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {footer}
          </table>
        </div>
      )}
    </section>
  );
}
