import { useI18n } from '../contexts/I18nProvider.tsx';
import type { Band } from '../lib/api-schemas.ts';

export const BAND_COLOURS = { green: '#2e7d32', yellow: '#b7791f', red: '#c62828', none: '#9aa5b1' } as const;

export function BandBadge({ band, testId }: { band: Band; testId?: string }) {
  const { t } = useI18n();
  const key = band ?? 'none';
  return (
    <span className={`band band-${key}`} data-band={key} data-testid={testId}>
      {t(`bands.${key}`)}
    </span>
  );
}
