import { REQUEST_ID_HEADER } from '../app/apollo';

/** Hands a file to the browser's downloads, as a link the user clicked would. */
export function saveFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** A refused or failed export: the gateway's code (or the HTTP status) and the request id to quote. */
export class ExportFailure extends Error {
  constructor(
    readonly code: string,
    readonly requestId: string,
  ) {
    super(code);
  }
}

/** The name the gateway gives the file (RFC 5987 `filename*`), else the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const [, exact] = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? [];
  return exact ? decodeURIComponent(exact) : fallback;
}

/**
 * One of the gateway's file exports (GET /export/…, gateway/src/export/routes.ts), as the user:
 * their token, the page's filters as the query string, a request id the error can quote.
 */
export async function downloadExport(
  token: string,
  path: string,
  params: Record<string, string | number | null | undefined>,
  fallbackName: string,
): Promise<void> {
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  );
  const requestId = crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(`/export/${path}${query.size ? `?${query}` : ''}`, {
      headers: { authorization: `Bearer ${token}`, [REQUEST_ID_HEADER]: requestId },
    });
  } catch {
    throw new ExportFailure('NETWORK', requestId);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
    throw new ExportFailure(body?.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`, requestId);
  }
  saveFile(fileNameOf(response, fallbackName), await response.blob());
}
