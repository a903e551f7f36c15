import type { ApolloServer } from '@apollo/server';
import { hasScope, Role, today, type ForwardedIdentity, type Logger } from '@cadres/core';
import {
  cadreListSource,
  careerEventsSource,
  classRostersSource,
  COMMITTEE_REPORT_QUERY,
  committeeReportFigures,
  CONTENT_TYPES,
  dossierQuery,
  ExportParameterError,
  planningListSource,
  planningListsSource,
  renderCommitteeReportDocx,
  renderDossierPdf,
  statisticSource,
  tableWriter,
  dateParameter,
  type Dossier,
  type ExportSource,
  type ScopeCheck,
  type TableFormat,
} from '@cadres/exchange';
import { Router, type Request, type Response } from 'express';
import type { GatewayContext } from '../gateway-context';
import { clientGoneSignal } from '../subgraph-call-signal';
import { ExportQueryError, runOperation } from './run-operation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scopeCheck(identity: ForwardedIdentity): ScopeCheck {
  return (scope) => hasScope({ ...identity, units: null }, scope);
}

function params(req: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (typeof value !== 'string')
      throw new ExportParameterError(key, `"${key}" is given more than once or in a form not understood.`);
    out[key] = value;
  }
  return out;
}

/** `name.xlsx` → ['name', 'xlsx']; any other extension is refused. */
function splitFormat(file: string, allowed: readonly string[]): [string, string] {
  const dot = file.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.slice(dot + 1);
  if (!allowed.includes(ext))
    throw new ExportParameterError('format', `The file must end in ${allowed.map((a) => `.${a}`).join(' or ')}.`);
  return [file.slice(0, dot), ext];
}

function attachment(res: Response, fileName: string, contentType: string): void {
  res.setHeader('Content-Type', contentType);
  // An ASCII name for old clients, the exact one (RFC 6266/5987) for the rest.
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\w.-]/g, '_');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  res.setHeader('Cache-Control', 'no-store');
}

/** The lists served as `/export/<name>.xlsx|csv`, each from its URL's parameters and the caller's scopes. */
const TABLES: Record<
  string,
  | ((
      params: Record<string, string | undefined>,
      canRead: ScopeCheck,
      identity: ForwardedIdentity,
    ) => ExportSource<unknown>)
  | undefined
> = {
  cadres: cadreListSource,
  'planning-list': planningListSource,
  // Personnel's readDecision is the staff's and services': a partner's file leaves the decisions out.
  'career-events': (params, canRead, identity) => careerEventsSource(params, canRead, identity.role !== Role.PARTNER),
  'class-rosters': classRostersSource,
  'planning-lists': planningListsSource,
};

/**
 * Lists, statistics, the dossier and the committee's report as files (issue 19):
 *
 *   GET /export/cadres.xlsx|csv?<the `cadres` filter>       every page of the list, streamed
 *   GET /export/statistics/<name>.xlsx|csv?<its arguments>  one statistic as a table
 *   GET /export/planning-list.xlsx|csv?term=2025-2030      a term's planning list
 *   GET /export/career-events.xlsx|csv?<the `cadres` filter>   the import templates' layouts,
 *   GET /export/class-rosters.xlsx|csv?<the `cadres` filter>   so the province's history
 *   GET /export/planning-lists.xlsx|csv?term=               imports back (history.ts)
 *   GET /export/dossier/<cadreId>.pdf                      the profile (sơ yếu lý lịch)
 *   GET /export/report.docx?from=&to=                      the committee's report for a period
 *
 * Behind the same authentication and rate limit as /graphql; each runs GraphQL operations through
 * the gateway's own execution as the caller (run-operation.ts). A refused parameter is 400
 * BAD_USER_INPUT naming it, in GraphQL's error shape; nothing is written before the first answer.
 */
export function exportRouter(apollo: ApolloServer<GatewayContext>, logger: Logger): Router {
  const router = Router();
  const contextOf = (res: Response): GatewayContext => ({
    requestId: res.locals.requestId as string,
    identity: res.locals.identity as ForwardedIdentity,
    sqlStatements: 0,
    abortSignal: clientGoneSignal(res),
  });

  const handle =
    (work: (req: Request, res: Response, context: GatewayContext) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        await work(req, res, contextOf(res));
      } catch (error) {
        if (res.headersSent) {
          // Part of the file is out: cut the connection, so the client sees a failed download rather
          // than a file that looks complete.
          logger.error({ err: error, requestId: res.locals.requestId }, 'export failed while streaming');
          res.destroy();
          return;
        }
        if (error instanceof ExportParameterError) {
          res.status(400).json({
            errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT', argument: error.parameter } }],
          });
        } else if (error instanceof ExportQueryError) {
          res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
        } else {
          logger.error({ err: error, requestId: res.locals.requestId }, 'export failed');
          res
            .status(500)
            .json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        }
      }
    };

  /** Pages through a source, writing each page as it comes: the first page's answer decides the status. */
  async function streamTable<Row>(
    res: Response,
    context: GatewayContext,
    source: ExportSource<Row>,
    format: TableFormat,
  ): Promise<void> {
    let variables: Record<string, unknown> | null = source.variables;
    let data = await runOperation<unknown>(apollo, context, source.query, variables);
    let rows = source.rows(data);
    attachment(res, `${source.fileName}.${format}`, CONTENT_TYPES[format]);
    const writer = tableWriter(format, source.columns, res, source.sheetName);
    for (;;) {
      await writer.write(rows);
      variables = source.nextPage?.(data, variables) ?? null;
      if (!variables || res.destroyed) break;
      data = await runOperation<unknown>(apollo, context, source.query, variables);
      rows = source.rows(data);
    }
    await writer.end();
  }

  router.get(
    '/export/statistics/:file',
    handle(async (req, res, context) => {
      const [name, format] = splitFormat(String(req.params.file), ['xlsx', 'csv']);
      await streamTable(res, context, statisticSource(name, params(req)), format as TableFormat);
    }),
  );

  router.get(
    '/export/dossier/:file',
    handle(async (req, res, context) => {
      const [id] = splitFormat(String(req.params.file), ['pdf']);
      if (!UUID.test(id)) throw new ExportParameterError('cadreId', 'The cadre is named by its id (a UUID).');
      const { cadre } = await runOperation<{ cadre: Dossier | null }>(
        apollo,
        context,
        dossierQuery(scopeCheck(context.identity)),
        { id },
      );
      if (!cadre) throw new ExportQueryError(404, 'NOT_FOUND', 'No such cadre.');
      attachment(res, `so-yeu-ly-lich-${cadre.fullName}.pdf`, 'application/pdf');
      await renderDossierPdf(cadre, res, today());
    }),
  );

  router.get(
    '/export/report.docx',
    handle(async (req, res, context) => {
      const query = params(req);
      const period = { from: dateParameter(query, 'from', true)!, to: dateParameter(query, 'to', true)! };
      if (period.from > period.to) throw new ExportParameterError('to', '"to" must not be before "from".');
      const data = await runOperation<Parameters<typeof committeeReportFigures>[0]>(
        apollo,
        context,
        COMMITTEE_REPORT_QUERY,
        period,
      );
      const document = await renderCommitteeReportDocx(committeeReportFigures(data, period), 'Ban Tổ chức Tỉnh ủy');
      attachment(
        res,
        `bao-cao-${period.from}-${period.to}.docx`,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      res.end(document);
    }),
  );

  router.get(
    '/export/:file',
    handle(async (req, res, context) => {
      const [name, format] = splitFormat(String(req.params.file), ['xlsx', 'csv']);
      const query = params(req);
      const source = TABLES[name];
      if (source)
        return streamTable(
          res,
          context,
          source(query, scopeCheck(context.identity), context.identity),
          format as TableFormat,
        );
      throw new ExportQueryError(
        404,
        'NOT_FOUND',
        `No such export: ${Object.keys(TABLES).join(', ')}, statistics/<name>, dossier/<id>.pdf or report.docx.`,
      );
    }),
  );

  return router;
}
