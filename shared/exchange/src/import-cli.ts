#!/usr/bin/env node
/**
 * npm run import -- <kind> <file> [--dry-run] [--report <file.json>] [--batch-size <n>]
 * npm run import -- template <kind> [<out.xlsx>]
 *
 * Talks to the gateway (GATEWAY_URL, default http://localhost:4000/graphql) with the caller's token
 * (CADRES_TOKEN, e.g. `export CADRES_TOKEN=$(npm run -s token -- --role ORGANIZER)`).
 */
import { writeFile } from 'node:fs/promises';
import { isKindName, KINDS } from './columns';
import { DEFAULT_BATCH_SIZE, GatewayClient, GatewayError, runImport, type ImportProgress } from './import';
import { SpreadsheetFileError } from './read';
import { formatReport } from './report-text';
import { writeTemplate } from './template';

const USAGE = `usage: npm run import -- <${Object.keys(KINDS).join('|')}> <file.xlsx|file.csv> [--dry-run] [--report <file.json>] [--batch-size <n>]
       npm run import -- template <kind> [<out.xlsx>]`;

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** One line on stderr, redrawn: a bar when the total is known (pass 2), rows and rows/s always. */
function progressBar(started: number): (progress: ImportProgress) => void {
  return ({ phase, rows, totalRows }) => {
    if (!process.stderr.isTTY && rows % 5000 !== 0) return;
    const rate = Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001));
    const bar = totalRows
      ? `[${'#'.repeat(Math.round((rows / totalRows) * 30)).padEnd(30, '-')}] ${rows}/${totalRows}`
      : `${rows}`;
    process.stderr.write(
      `\r${phase === 'validating' ? 'kiểm tra (validating)' : 'nhập (importing)'} ${bar} rows, ${rate} rows/s   ${process.stderr.isTTY ? '' : '\n'}`,
    );
  };
}

async function main(args: string[]): Promise<number> {
  const [first, second, third] = args;
  if (first === 'template') {
    if (!second || !isKindName(second)) return fail(USAGE);
    const target = third && !third.startsWith('--') ? third : `mau-${second}.xlsx`;
    await writeTemplate(KINDS[second], target);
    out(`${target}: ${KINDS[second].title}`);
    return 0;
  }
  if (!first || !isKindName(first) || !second) return fail(USAGE);
  const token = process.env.CADRES_TOKEN;
  if (!token) return fail('CADRES_TOKEN is not set: export CADRES_TOKEN=$(npm run -s token -- --role ORGANIZER)');
  const client = new GatewayClient(process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql', `Bearer ${token}`);
  const started = performance.now();
  const report = await runImport({
    kind: first,
    path: second,
    client,
    dryRun: args.includes('--dry-run'),
    batchSize: Number(option(args, '--batch-size') ?? DEFAULT_BATCH_SIZE),
    onProgress: progressBar(started),
  });
  process.stderr.write('\n');
  const reportPath = option(args, '--report');
  if (reportPath) await writeFile(reportPath, JSON.stringify(report, null, 2));
  out(formatReport(report));
  return report.errors ? 1 : 0;
}

function fail(message: string): number {
  err(message);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Typed refusals are the user's to fix: their message, no stack trace.
    if (error instanceof SpreadsheetFileError) err(`${error.messageVi}\n${error.messageEn}`);
    else if (error instanceof GatewayError) err(`${error.code}: ${error.message}`);
    else err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(error instanceof SpreadsheetFileError || error instanceof GatewayError ? 1 : 3);
  },
);
