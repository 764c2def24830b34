import { Button } from '@zendeskgarden/react-buttons';
import { Skeleton } from '@zendeskgarden/react-loaders';
import { Alert, Well } from '@zendeskgarden/react-notifications';
import { MD, SM } from '@zendeskgarden/react-typography';
import type { ReactNode } from 'react';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { SidebarError } from '../lib/backend.ts';
import type { MessageKey } from '../lib/i18n.ts';

export function LoadingView() {
  const { t } = useI18n();
  return (
    <div data-testid="sidebar-loading" aria-busy="true">
      <SM>{t('loading')}</SM>
      <Skeleton height="28px" />
      <Skeleton width="70%" />
      <Skeleton width="85%" />
    </div>
  );
}

const ERROR_TEXT: Record<Exclude<SidebarError['kind'], 'not_found'>, MessageKey> = {
  no_backend: 'error.no_backend',
  unauthorized: 'error.unauthorized',
  status: 'error.status',
  network: 'error.network',
  invalid: 'error.invalid',
};

/** Errors, with a retry; a 404 is not an error but "not synced yet". */
export function ErrorView({ error, onRetry }: { error: SidebarError; onRetry: () => void }) {
  const { t } = useI18n();
  if (error.kind === 'not_found')
    return (
      <EmptyNotice testId="empty-unknown" title={t('empty.unknown_title')}>
        {t(error.message === 'organization' ? 'empty.unknown_organization' : 'empty.unknown_requester')}
      </EmptyNotice>
    );
  return (
    <Alert
      type={error.kind === 'unauthorized' ? 'warning' : 'error'}
      data-testid="sidebar-error"
      data-kind={error.kind}
    >
      <Alert.Title>{t('error.title')}</Alert.Title>
      <Alert.Paragraph>{t(ERROR_TEXT[error.kind], { status: error.status ?? '' })}</Alert.Paragraph>
      <Button size="small" onClick={onRetry} data-testid="sidebar-retry" style={{ marginTop: 8 }}>
        {t('error.retry')}
      </Button>
    </Alert>
  );
}

/** Why there is nothing to show, and what to do about it. */
export function EmptyNotice({
  testId,
  title,
  children,
}: {
  testId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <Well isRecessed data-testid={testId}>
      <MD isBold>{title}</MD>
      <SM>{children}</SM>
    </Well>
  );
}
