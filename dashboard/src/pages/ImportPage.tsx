import { useState } from 'react';
import { REQUEST_ID_HEADER } from '../app/apollo';
import { useI18n } from '../app/i18n';
import { useToken } from '../app/token';
import { DataTable } from '../components/DataTable';

/** The kinds POST /import/<kind> takes (shared/exchange's KINDS), each with the template it reads. */
const KINDS = {
  cadres: 'kindCadres',
  'career-events': 'kindCareerEvents',
  'class-rosters': 'kindClassRosters',
  'planning-lists': 'kindPlanningLists',
} as const;
type Kind = keyof typeof KINDS;
const EXTENSIONS = ['.xlsx', '.csv'];

/** The per-row report the gateway answers (shared/exchange ImportReport), as far as the page shows it. */
interface ImportReport {
  dryRun: boolean;
  rows: number;
  errors: number;
  warnings: number;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: {
    row: number;
    column: string | null;
    code: string;
    severity: 'ERROR' | 'WARNING';
    messageVi: string;
    messageEn: string;
    value?: string;
    suggestion?: string;
  }[];
}

interface Refusal {
  code: string;
  messageVi: string;
  messageEn: string;
  requestId?: string;
}

/**
 * Sends the file with XMLHttpRequest, not fetch: only it reports upload progress. The answer is
 * the report (200) or a typed refusal ({ error: { code, messageVi, messageEn } }).
 */
function send(
  url: string,
  file: File,
  token: string,
  onProgress: (fraction: number) => void,
): Promise<{ report: ImportReport } | { refusal: Refusal }> {
  return new Promise((resolve) => {
    const requestId = crypto.randomUUID();
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('authorization', `Bearer ${token}`);
    request.setRequestHeader(REQUEST_ID_HEADER, requestId);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    const unreadable: Refusal = {
      code: 'NETWORK',
      messageVi: 'Không kết nối được máy chủ, vui lòng thử lại.',
      messageEn: 'The server could not be reached; please try again.',
      requestId,
    };
    request.onerror = () => resolve({ refusal: unreadable });
    request.onload = () => {
      const body = request.response as (ImportReport & { error?: Refusal }) | null;
      if (request.status === 200 && body && !body.error) return resolve({ report: body });
      resolve({ refusal: { ...(body?.error ?? { ...unreadable, code: `HTTP_${request.status}` }), requestId } });
    };
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

/**
 * Spreadsheet upload for the roles that write (the navigation shows it to them only; the gateway
 * and subgraphs decide anyway): choose the kind and the file, a dry run first — every row checked
 * by the API and rolled back, the per-row report shown — then the import of the same file.
 */
export function ImportPage({ maxBytes }: { maxBytes: number }) {
  const i18n = useI18n();
  const { t, language, number } = i18n;
  const token = useToken();
  const [kind, setKind] = useState<Kind>('cadres');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const message = (m: { messageVi: string; messageEn: string }) => (language === 'vi' ? m.messageVi : m.messageEn);
  const megabytes = number(maxBytes / 1024 / 1024);

  /** The checks the gateway makes too, before anything is sent. */
  const localRefusal = (chosen: File): Refusal | null => {
    if (!EXTENSIONS.some((extension) => chosen.name.toLowerCase().endsWith(extension)))
      return {
        code: 'UNSUPPORTED_TYPE',
        messageVi: 'Chỉ nhận tệp .xlsx hoặc .csv.',
        messageEn: 'Only .xlsx or .csv files are accepted.',
      };
    if (chosen.size > maxBytes)
      return {
        code: 'FILE_TOO_LARGE',
        messageVi: `Tệp vượt giới hạn ${megabytes} MB.`,
        messageEn: `The file is over the ${megabytes} MB limit.`,
      };
    return null;
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setRefusal(null);
    if (dryRun) setReport(null);
    setProgress(0);
    const answer = await send(`/import/${kind}?dryRun=${dryRun}`, file, token(), setProgress);
    setProgress(null);
    if ('refusal' in answer) setRefusal(answer.refusal);
    else setReport(answer.report);
  };

  const checked = report?.dryRun === true && report.errors === 0;
  return (
    <>
      <h1>{t('import')}</h1>
      <form
        className="filters no-print"
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <label>
          <span>{t('importKind')}</span>
          <select
            name="kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setReport(null);
            }}
          >
            {Object.entries(KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          <span>
            {t('importFile')} (.xlsx, .csv; ≤ {megabytes} MB)
          </span>
          <input
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setReport(null);
              const refused = chosen && localRefusal(chosen);
              setRefusal(refused || null);
              setFile(refused ? null : chosen);
            }}
          />
        </label>
        <button type="submit" disabled={!file || progress !== null} data-import="dry-run">
          {t('dryRun')}
        </button>
        <button
          type="button"
          disabled={!file || !checked || progress !== null}
          onClick={() => void run(false)}
          data-import="commit"
        >
          {t('importNow')}
        </button>
      </form>
      {progress !== null && (
        <div className="card" role="status">
          <label>
            {progress < 1 ? t('uploading') : t('checking')}{' '}
            <progress max={1} value={progress < 1 ? progress : undefined} aria-label={t('uploading')} />
          </label>
        </div>
      )}
      {refusal && (
        <div className="notice error" role="alert" data-import-refusal={refusal.code}>
          <strong>{message(refusal)}</strong> ({refusal.code}
          {refusal.requestId && (
            <>
              {' '}
              · {t('requestId')}: <code>{refusal.requestId}</code>
            </>
          )}
          )
        </div>
      )}
      {report && (
        <>
          <div className={`notice ${report.errors ? 'error' : 'ok'}`} role="status" data-import-summary>
            {report.dryRun ? t('dryRunDone') : report.committed ? t('importDone') : t('importNotDone')}:{' '}
            {number(report.rows)} {t('rowsUnit')} · {number(report.errors)} {t('errorsUnit')} ·{' '}
            {number(report.warnings)} {t('warningsUnit')}
            {!report.dryRun && (
              <>
                {' '}
                · {t('created')} {number(report.created)} · {t('updated')} {number(report.updated)} · {t('unchanged')}{' '}
                {number(report.unchanged)}
              </>
            )}
          </div>
          <DataTable
            id="import-problems"
            caption={t('importProblems')}
            rows={report.problems}
            columns={[
              { header: t('row'), value: (p) => p.row, numeric: true },
              { header: t('column'), value: (p) => p.column ?? '' },
              { header: t('value'), value: (p) => p.value ?? '' },
              {
                header: t('severity'),
                value: (p) => p.severity,
                render: (p) => (
                  <span className={p.severity === 'ERROR' ? 'bad' : undefined}>
                    {p.severity === 'ERROR' ? t('error') : t('warning')}
                  </span>
                ),
              },
              { header: t('problem'), value: (p) => message(p) + (p.suggestion ? ` (${p.suggestion})` : '') },
              { header: t('code'), value: (p) => p.code },
            ]}
          />
        </>
      )}
    </>
  );
}
