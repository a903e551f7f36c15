import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

/** Answers smaller than this go out as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/**
 * Fast settings, not the smallest output: the gateway shares its CPU with everything else. On a page
 * of 50 dossiers (61 KB of JSON) brotli at quality 4 gives 5.7 KB in 0.9 ms and gzip at level 1
 * 7.3 KB in 0.8 ms, where gzip's default level 6 gives 5.6 KB in 1.3 ms and brotli's default
 * quality 11 takes tens of milliseconds.
 */
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP_OPTIONS = { level: 1 };

/**
 * Up to this size an answer is compressed on the event loop (a dossier's 2.3 KB: 0.1 ms), which
 * measured cheaper than the round trip through libuv's thread pool; larger ones go to the pool,
 * so that a big page does not hold up other requests.
 */
const INLINE_MAX_BYTES = 64 * 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function compress(body: Buffer, encoding: Encoding): Buffer | Promise<Buffer> {
  if (body.length <= INLINE_MAX_BYTES)
    return encoding === 'br' ? brotliCompressSync(body, BROTLI_OPTIONS) : gzipSync(body, GZIP_OPTIONS);
  return encoding === 'br' ? brotliAsync(body, BROTLI_OPTIONS) : gzipAsync(body, GZIP_OPTIONS);
}

/**
 * The encoding to answer in, from the client's Accept-Encoding: the one with the highest q-value
 * among brotli and gzip (brotli on a tie, `*` standing for either); none when neither is accepted.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const quality = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    quality.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = quality.get('*') ?? 0;
  const [best] = (['br', 'gzip'] as const)
    .map((encoding) => ({ encoding, q: quality.get(encoding) ?? wildcard }))
    .sort((a, b) => b.q - a.q);
  return best !== undefined && best.q > 0 ? best.encoding : null;
}

/**
 * An answer's bytes, plain and in each encoding asked for, made once however many clients it goes
 * to: an answer shared by identical operations in flight (operation-sharing.ts) is encoded and
 * compressed once, not once per client (87 KB: brotli at quality 4 takes about 1 ms).
 */
export class Payloads {
  private plainBytes: Buffer | undefined;
  private readonly compressed = new Map<Encoding, Buffer | Promise<Buffer>>();

  constructor(private readonly body: string) {}

  get plain(): Buffer {
    return (this.plainBytes ??= Buffer.from(this.body));
  }

  in(encoding: Encoding): Buffer | Promise<Buffer> {
    let bytes = this.compressed.get(encoding);
    if (!bytes) this.compressed.set(encoding, (bytes = compress(this.plain, encoding)));
    return bytes;
  }
}

/**
 * Sends a complete answer, compressed when `enabled`, the client accepts brotli or gzip and the
 * answer is above the threshold. `body` is the answer's text, or its Payloads when it goes to
 * several clients.
 */
export async function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  body: string | Payloads,
  enabled: boolean,
): Promise<void> {
  const payloads = typeof body === 'string' ? new Payloads(body) : body;
  let payload = payloads.plain;
  if (enabled) {
    // Caches must keep the compressed and the plain answer apart, whichever this one is.
    res.appendHeader('Vary', 'Accept-Encoding');
    const encoding =
      payload.length >= COMPRESSION_THRESHOLD_BYTES ? negotiateEncoding(req.headers['accept-encoding']) : null;
    if (encoding) {
      payload = await payloads.in(encoding);
      res.setHeader('Content-Encoding', encoding);
    }
  }
  res.setHeader('Content-Length', payload.length);
  res.end(payload);
}
