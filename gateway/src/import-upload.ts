import { GatewayClient, GatewayError, isKindName, runImport, SpreadsheetFileError } from '@cadres/exchange';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * The dashboard's spreadsheet upload (issue 19): POST /import/<kind>?dryRun=true|false, multipart
 * with one part named "file". Limits, checked before anything is imported:
 * - at most IMPORT_UPLOAD_MAX_BYTES (20 MB, about 100,000 cadre rows); a larger upload is cut off
 *   at the limit and answered 413;
 * - the name ends in .xlsx or .csv and the declared type is a spreadsheet's (or the generic
 *   octet-stream browsers send for unknown types); the content's first bytes then decide the format
 *   (a renamed .xls, a password-protected workbook or a binary is refused with its own code);
 * - one file per request.
 * The file is streamed to a private temporary directory, imported by the same pipeline as the CLI
 * (through this gateway's /graphql with the caller's own token, so the subgraphs' policies decide),
 * and deleted whatever happens.
 */
export const IMPORT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const ACCEPTED_EXTENSIONS = new Set(['.xlsx', '.csv']);
const ACCEPTED_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'text/plain',
  // What Windows browsers declare for a .csv (Excel is registered for it).
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

function refuse(res: Response, status: number, code: string, messageVi: string, messageEn: string): void {
  res.status(status).json({ error: { code, messageVi, messageEn } });
}

interface Received {
  path: string;
  tooLarge: boolean;
}

/** Streams the request's one "file" part to `dir`, or says why it is not acceptable. */
function receive(req: Request, dir: string): Promise<Received | { refusal: [number, string, string, string] }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: IMPORT_UPLOAD_MAX_BYTES, files: 1, fields: 4, parts: 5 },
      });
    } catch {
      return resolve({
        refusal: [
          415,
          'NOT_MULTIPART',
          'Hãy gửi tệp dạng multipart/form-data, trường "file".',
          'Send the file as multipart/form-data, in a part named "file".',
        ],
      });
    }
    let received: Promise<Received> | undefined;
    let refusal: [number, string, string, string] | undefined;
    parser.on('file', (name, stream, info) => {
      const extension = extname(info.filename ?? '').toLowerCase();
      if (
        name !== 'file' ||
        received ||
        !ACCEPTED_EXTENSIONS.has(extension) ||
        !ACCEPTED_TYPES.has(info.mimeType.toLowerCase())
      ) {
        refusal ??= [
          415,
          'UNSUPPORTED_TYPE',
          'Chỉ nhận một tệp .xlsx hoặc .csv, trường "file".',
          'Only one .xlsx or .csv file is accepted, in a part named "file".',
        ];
        stream.resume();
        return;
      }
      const path = join(dir, `upload${extension}`);
      let tooLarge = false;
      stream.on('limit', () => (tooLarge = true));
      received = pipeline(stream, createWriteStream(path)).then(() => ({ path, tooLarge }));
    });
    parser.on('error', () =>
      resolve({ refusal: [400, 'BAD_UPLOAD', 'Dữ liệu tải lên không đọc được.', 'The upload could not be read.'] }),
    );
    parser.on('close', () => {
      if (refusal) return resolve({ refusal });
      if (!received)
        return resolve({
          refusal: [400, 'NO_FILE', 'Không có tệp (trường "file").', 'No file (a part named "file") was sent.'],
        });
      received.then(resolve, reject);
    });
    req.pipe(parser);
  });
}

export function importUploadHandler(httpServer: Server) {
  return async (req: Request, res: Response): Promise<void> => {
    const kind = String(req.params.kind);
    if (!isKindName(kind))
      return refuse(res, 404, 'UNKNOWN_KIND', `Không có loại dữ liệu "${kind}".`, `There is no import kind "${kind}".`);
    const dryRun = req.query.dryRun !== 'false';
    const dir = await mkdtemp(join(tmpdir(), 'cadres-import-'));
    try {
      const upload = await receive(req, dir);
      if ('refusal' in upload) return refuse(res, ...upload.refusal);
      if (upload.tooLarge) {
        return refuse(
          res,
          413,
          'FILE_TOO_LARGE',
          `Tệp vượt giới hạn ${IMPORT_UPLOAD_MAX_BYTES / 1024 / 1024} MB.`,
          `The file is over the ${IMPORT_UPLOAD_MAX_BYTES / 1024 / 1024} MB limit.`,
        );
      }
      // Through this gateway's own GraphQL endpoint, as the caller: the same authentication, limits and policies.
      const { port } = httpServer.address() as AddressInfo;
      const client = new GatewayClient(`http://127.0.0.1:${port}/graphql`, req.headers.authorization as string);
      const report = await runImport({ kind, path: upload.path, client, dryRun });
      res.status(200).json(report);
    } catch (error) {
      if (error instanceof SpreadsheetFileError) return refuse(res, 422, error.code, error.messageVi, error.messageEn);
      if (error instanceof GatewayError) {
        const status = error.code === 'FORBIDDEN' ? 403 : error.code === 'UNAUTHENTICATED' ? 401 : 502;
        return refuse(res, status, error.code, error.message, error.message);
      }
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
