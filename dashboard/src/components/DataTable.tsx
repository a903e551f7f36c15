import { useState, type ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { useToken } from '../app/token';
import { toCsv } from './csv';
import { downloadExport, ExportFailure, saveFile } from './download';
import { toXlsx } from './xlsx';

export interface Column<Row> {
  header: string;
  /** The raw value: what the CSV holds and what tests compare with the API. */
  value(row: Row): string | number | null | undefined;
  /** How the cell shows it (formatted numbers, labels); the raw value otherwise. */
  render?(row: Row): ReactNode;
  numeric?: boolean;
}

/**
 * The gateway's export of the table's query (GET /export/<path>.xlsx with the page's filters): its
 * Vietnamese headers and labels, and for a list every matching row, not only the page shown.
 */
export interface ServerExport {
  path: string;
  params: Record<string, string | number | null | undefined>;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Every table of the dashboard: a caption, CSV and XLSX exports, and an empty state. The CSV is
 * exactly the rows shown; the XLSX is the gateway's export where it has one (`serverExport`), else
 * the rows shown, written here.
 */
export function DataTable<Row>({
  id,
  caption,
  columns,
  rows,
  footer,
  serverExport,
}: {
  id: string;
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  footer?: ReactNode;
  serverExport?: ServerExport;
}) {
  const { t } = useI18n();
  const token = useToken();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ExportFailure | null>(null);
  const header = () => columns.map((c) => c.header);
  const cells = () => rows.map((row) => columns.map((c) => c.value(row)));
  const exportCsv = () =>
    saveFile(`${id}.csv`, new Blob([toCsv(header(), cells())], { type: 'text/csv;charset=utf-8' }));
  const exportXlsx = async () => {
    setFailure(null);
    if (!serverExport)
      return saveFile(`${id}.xlsx`, new Blob([toXlsx(caption, header(), cells())], { type: XLSX_TYPE }));
    setBusy(true);
    try {
      await downloadExport(token(), `${serverExport.path}.xlsx`, serverExport.params, `${id}.xlsx`);
    } catch (error) {
      setFailure(error instanceof ExportFailure ? error : new ExportFailure('UNKNOWN', '—'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" data-table={id}>
      <header className="card-header">
        <h2 id={`${id}-caption`}>{caption}</h2>
        <span className="exports no-print">
          <button type="button" className="secondary" onClick={exportCsv} disabled={rows.length === 0} data-export={id}>
            {t('exportCsv')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void exportXlsx()}
            disabled={rows.length === 0 || busy}
            aria-busy={busy}
            data-export-xlsx={id}
            data-export-source={serverExport ? 'gateway' : 'page'}
          >
            {t('exportXlsx')}
          </button>
        </span>
      </header>
      {failure && (
        <p className="notice error" role="alert" data-export-error={failure.code}>
          {t('exportFailed')} ({failure.code}) · {t('requestId')}: <code>{failure.requestId}</code>
        </p>
      )}
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
