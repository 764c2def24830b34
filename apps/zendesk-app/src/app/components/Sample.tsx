import { Tag } from '@zendeskgarden/react-tags';
import { Tooltip } from '@zendeskgarden/react-tooltips';
import { SM } from '@zendeskgarden/react-typography';
import type { ReactNode } from 'react';
import { useI18n } from '../contexts/I18nProvider.tsx';

/** What a windowed figure rests on: how many answers (or solved tickets), over which window. */
export interface SampleOf {
  /** Answers (NPS, CSAT) or solved tickets (FCR). */
  unit: 'answers' | 'tickets';
  /** The sample size, when the line should say it (FCR says it in its own words). */
  count?: number;
  /** The window in days; absent for figures over all time (a requester's own tickets). */
  windowDays?: number | undefined;
  /** Fewer than 5 answers / solved tickets: the figure can swing widely. */
  lowConfidence?: boolean | undefined;
}

/**
 * "20 answers · last 365 days", and a "few answers" tag (with its reason as a tooltip) when the
 * figure rests on fewer than 5 answers. `lead` comes first on the line (e.g. FCR's "4 of 6 solved tickets").
 */
export function SampleLine({ testId, sample, lead }: { testId: string; sample: SampleOf; lead?: ReactNode }) {
  const { t, f } = useI18n();
  const parts: ReactNode[] = [];
  if (lead) parts.push(lead);
  if (sample.count !== undefined)
    parts.push(t.plural('sample.answers', sample.count, { count: f.number(sample.count, 0) }));
  if (sample.windowDays !== undefined)
    parts.push(t.plural('sample.window', sample.windowDays, { days: f.number(sample.windowDays, 0) }));
  const few = sample.unit === 'answers' ? 'sample.few_answers' : 'sample.few_tickets';
  return (
    <>
      <SM data-testid={testId}>
        {parts.map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed in number and order.
          <span key={i}>
            {i > 0 ? ' · ' : ''}
            {part}
          </span>
        ))}
      </SM>
      {sample.lowConfidence ? (
        <Tooltip content={t(`${few}_tip`)} size="large" placement="bottom">
          <Tag hue="orange" size="small" tabIndex={0} data-testid={`${testId}-few`} style={{ marginTop: 2 }}>
            {t(few)}
          </Tag>
        </Tooltip>
      ) : null}
    </>
  );
}
