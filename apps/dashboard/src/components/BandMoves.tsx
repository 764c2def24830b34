import { useI18n } from '../contexts/I18nProvider.tsx';
import type { Bands } from '../lib/api-schemas.ts';
import { BandBadge } from './BandBadge.tsx';

/** How accounts moved between bands between the last two month ends: one row per (from, to). */
export function BandMoves({ moves }: { moves: NonNullable<Bands['moves']> }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const order = { red: 0, yellow: 1, green: 2, none: 3 } as const;
  const rows = [...moves.moves].sort(
    (a, b) =>
      order[a.from ?? 'none'] - order[b.from ?? 'none'] || order[a.to ?? 'none'] - order[b.to ?? 'none'],
  );
  return (
    <section className="card">
      <h3>{t('portfolio.moves_title', { from: f.date(moves.from), to: f.date(moves.to) })}</h3>
      <table data-testid="band-moves">
        <thead>
          <tr>
            <th>{t('portfolio.moves_from')}</th>
            <th>{t('portfolio.moves_to')}</th>
            <th className="num">{t('portfolio.moves_accounts')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={`${m.from}-${m.to}`} className={m.from === m.to ? 'muted' : ''}>
              <td>
                <BandBadge band={m.from} />
              </td>
              <td>
                <BandBadge band={m.to} />
              </td>
              <td className="num">{f.number(m.accounts, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
