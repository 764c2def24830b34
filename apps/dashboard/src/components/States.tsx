import type { ReactNode } from 'react';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { ApiError } from '../lib/api.ts';
import type { ApiState } from '../lib/use-api.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="state loading" data-testid="state-loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t('states.loading')}
    </div>
  );
}

/** An error with what to do about it; a retry where one can help. */
export function ErrorView({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const text =
    error.kind === 'unauthorized'
      ? t(error.message.includes('session has ended') ? 'states.session_ended' : 'states.unauthorized')
      : error.kind === 'invalid'
        ? t('states.invalid', { message: error.message })
        : error.kind === 'status'
          ? t('states.status', { status: error.status ?? '' })
          : t(`states.${error.kind}`);
  const canRetry = onRetry && !['unauthorized', 'forbidden', 'not_found'].includes(error.kind);
  return (
    <div className="state error" role="alert" data-testid="state-error" data-kind={error.kind}>
      <strong>{t('states.error_title')}</strong>
      <p>{text}</p>
      {canRetry ? (
        <button type="button" onClick={onRetry}>
          {t('states.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <div className="state empty" data-testid={testId}>
      {children}
    </div>
  );
}

/** One view per state of a load: loading, error (with retry), or `children(data)`. */
export function Loaded<T>({
  state,
  reload,
  children,
}: {
  state: ApiState<T>;
  reload: () => void;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorView error={state.error} onRetry={reload} />;
  return <>{children(state.data)}</>;
}
