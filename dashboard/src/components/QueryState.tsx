import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ReactNode } from 'react';
import { lastRequestId } from '../app/apollo';
import { useI18n } from '../app/i18n';

/** Grey blocks the shape of what is coming, so the page does not jump when it arrives. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" aria-busy="true" aria-label={t('loading')}>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="skeleton-card" />
      ))}
    </div>
  );
}

/** Messages for the error codes a user can meet; anything else is the generic sentence. */
const MESSAGES: Record<string, { vi: string; en: string }> = {
  UNAUTHENTICATED: {
    vi: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
    en: 'Your session has expired; please sign in again.',
  },
  FORBIDDEN: { vi: 'Tài khoản không có quyền xem nội dung này.', en: 'Your account may not see this.' },
  RATE_LIMITED: {
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.',
    en: 'Too many requests; try again in a few minutes.',
  },
  NOT_FOUND: { vi: 'Không tìm thấy dữ liệu được yêu cầu.', en: 'Not found.' },
};
const GENERIC = {
  vi: 'Hệ thống tạm thời không trả lời, vui lòng thử lại.',
  en: 'The system did not answer; please try again.',
};

function codesOf(error: ErrorLike | undefined): string[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => String(e.extensions?.code ?? ''));
  const status = (error as { statusCode?: number }).statusCode;
  return status === 401 ? ['UNAUTHENTICATED'] : [];
}

export function ErrorNotice({
  error,
  operation,
  onRetry,
}: {
  error: ErrorLike;
  operation: string;
  onRetry?: () => void;
}) {
  const { t, language } = useI18n();
  const known = codesOf(error)
    .map((c) => MESSAGES[c])
    .find((m) => m !== undefined);
  const message = (known ?? GENERIC)[language];
  return (
    <div className="notice error" role="alert">
      <strong>{t('errorTitle')}</strong>
      <p>{message}</p>
      <p className="request-id">
        {t('requestId')}: <code>{lastRequestId(operation) ?? '—'}</code>
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Shown above a page whose answer came with errors beside its data: what is there is still shown. */
export function PartialNotice({ error, operation }: { error: ErrorLike | undefined; operation: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="notice warning" role="status" data-partial-notice>
      <strong>{t('partialNotice')}</strong> ({t('requestId')}: <code>{lastRequestId(operation) ?? '—'}</code>)
    </div>
  );
}

/**
 * The states of one page's query: loading (skeleton), failed with nothing to show (error), or data,
 * possibly partial (notice above it).
 */
export function QueryState<T>({
  loading,
  error,
  data,
  operation,
  onRetry,
  children,
}: {
  loading: boolean;
  error: ErrorLike | undefined;
  data: T | undefined;
  operation: string;
  onRetry(): void;
  children(data: T): ReactNode;
}) {
  if (loading && !data) return <Skeleton />;
  if (!data) return error ? <ErrorNotice error={error} operation={operation} onRetry={onRetry} /> : <Skeleton />;
  return (
    <>
      <PartialNotice error={error} operation={operation} />
      {children(data)}
    </>
  );
}
