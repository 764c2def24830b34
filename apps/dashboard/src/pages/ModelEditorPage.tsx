import { type ChangeEvent, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { BacktestPanel } from '../components/BacktestPanel.tsx';
import { BandBadge } from '../components/BandBadge.tsx';
import { ErrorView, Loaded } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { ApiError, api, tenantPath } from '../lib/api.ts';
import {
  type ComponentModel,
  type Preview,
  previewSchema,
  type Saved,
  type Settings,
  type SettingsAnswer,
  SIGNALS,
  type Signal,
  savedSchema,
  settingsAnswerSchema,
  settingsSchema,
  type Windows,
} from '../lib/api-schemas.ts';
import { signalLabel } from '../lib/labels.ts';
import { readText } from '../lib/read-text.ts';
import { useApi } from '../lib/use-api.ts';

/** The health-model editor: weights, thresholds, bands and windows; preview; save as a version. */
export function ModelEditorPage() {
  const { tenant = '' } = useParams();
  const { state, reload, refresh } = useApi(tenantPath(tenant, '/settings'), settingsAnswerSchema);
  return (
    <Loaded state={state} reload={reload}>
      {(data) => <Editor tenant={tenant} answer={data} onSaved={refresh} />}
    </Loaded>
  );
}

type Busy = null | 'preview' | 'save';
const WINDOW_KEYS: readonly (keyof Windows)[] = [
  'npsDays',
  'csatDays',
  'cesDays',
  'fcrDays',
  'firstReplyDays',
];

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function Editor({
  tenant,
  answer,
  onSaved,
}: {
  tenant: string;
  answer: SettingsAnswer;
  onSaved: () => void;
}) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const [draft, setDraft] = useState<Settings>(answer.settings);
  const [preview, setPreview] = useState<{ of: string; result: Preview } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => setDraft(answer.settings), [answer.settings]);
  const draftKey = useMemo(() => JSON.stringify(draft), [draft]);
  const previewed = preview?.of === draftKey;

  const setComponent = (key: Signal, patch: Partial<ComponentModel> | null) =>
    setDraft((d) => {
      const components = { ...d.healthModel.components };
      if (patch === null) delete components[key];
      else
        components[key] = { ...(components[key] ?? answer.defaults.healthModel.components[key]!), ...patch };
      return { ...d, healthModel: { ...d.healthModel, components } };
    });
  const numberOf = (e: ChangeEvent<HTMLInputElement>) =>
    e.target.value === '' ? Number.NaN : Number(e.target.value);

  const run = async (kind: Exclude<Busy, null>) => {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'preview') {
        const result = await api(tenantPath(tenant, '/settings/preview'), previewSchema, {
          method: 'POST',
          body: draft,
        });
        setPreview({ of: draftKey, result });
      } else {
        const result = await api(tenantPath(tenant, '/settings'), savedSchema, {
          method: 'PUT',
          body: { settings: draft, ...(note.trim() ? { note: note.trim() } : {}) },
        });
        setSaved(result);
        setNote('');
        onSaved();
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('network', String(e)));
    } finally {
      setBusy(null);
    }
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readText(file)));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
      setDraft(parsed.data);
      setError(null);
    } catch (err) {
      setError(new ApiError('invalid', t('editor.import_error', { message: (err as Error).message })));
    }
  };

  const current = answer.versions[0];
  return (
    <div data-testid="model-editor">
      <h1>{t('editor.title')}</h1>
      <p className="muted">{t('editor.intro')}</p>
      <p data-testid="model-in-force">
        {answer.isDefault || !current
          ? t('editor.default')
          : t('editor.version', { version: current.version })}
      </p>

      <section className="card">
        <table className="editor" data-testid="model-components">
          <thead>
            <tr>
              <th>{t('editor.signal')}</th>
              <th>{t('editor.use')}</th>
              <th className="num">{t('editor.weight')}</th>
              <th className="num">{t('editor.bad')}</th>
              <th className="num">{t('editor.good')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {SIGNALS.map((key) => {
              const c = draft.healthModel.components[key];
              return (
                <tr key={key} data-signal={key}>
                  <td>
                    <b>{signalLabel(t, key)}</b>
                    <div className="muted small">{t(`components.${key}.help`)}</div>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={Boolean(c)}
                      onChange={(e) => setComponent(key, e.target.checked ? {} : null)}
                      aria-label={`${t('editor.use')} ${signalLabel(t, key)}`}
                    />
                  </td>
                  {(['weight', 'bad', 'good'] as const).map((field) => (
                    <td className="num" key={field}>
                      <input
                        type="number"
                        step="any"
                        disabled={!c}
                        value={c && Number.isFinite(c[field]) ? c[field] : ''}
                        onChange={(e) => setComponent(key, { [field]: numberOf(e) })}
                        aria-label={`${signalLabel(t, key)} ${t(`editor.${field}`)}`}
                        data-testid={`model-${key}-${field}`}
                      />
                    </td>
                  ))}
                  <td className="muted small">{c ? t(`editor.direction.${c.direction}`) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <div className="columns">
        <section className="card">
          <h2>{t('editor.bands')}</h2>
          {(['green', 'yellow'] as const).map((b) => (
            <label className="field" key={b}>
              <span>
                <BandBadge band={b} /> {t(b === 'green' ? 'editor.green_from' : 'editor.yellow_from')}
              </span>
              <input
                type="number"
                step="any"
                value={Number.isFinite(draft.healthModel.bands[b]) ? draft.healthModel.bands[b] : ''}
                onChange={(e) =>
                  setDraft((d) => ({
                    ...d,
                    healthModel: { ...d.healthModel, bands: { ...d.healthModel.bands, [b]: numberOf(e) } },
                  }))
                }
                data-testid={`model-band-${b}`}
              />
            </label>
          ))}
          <p className="muted small">
            <BandBadge band="red" /> {t('editor.below_yellow')}
          </p>
        </section>
        <section className="card">
          <h2>{t('editor.windows')}</h2>
          {WINDOW_KEYS.map((k) => (
            <label className="field" key={k}>
              <span>{t(`editor.window.${k}`)}</span>
              <input
                type="number"
                step="1"
                value={Number.isFinite(draft.windows[k]) ? draft.windows[k] : ''}
                onChange={(e) => setDraft((d) => ({ ...d, windows: { ...d.windows, [k]: numberOf(e) } }))}
                data-testid={`model-window-${k}`}
              />
            </label>
          ))}
        </section>
      </div>

      <section className="card actions">
        <div className="buttons">
          <button
            type="button"
            onClick={() => run('preview')}
            disabled={busy !== null}
            data-testid="model-preview"
          >
            {busy === 'preview' ? t('editor.previewing') : t('editor.preview')}
          </button>
          <input
            type="text"
            className="note"
            placeholder={t('editor.note')}
            aria-label={t('editor.note')}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            data-testid="model-note"
          />
          <button
            type="button"
            className="primary"
            onClick={() => run('save')}
            disabled={busy !== null || !previewed}
            data-testid="model-save"
          >
            {busy === 'save' ? t('editor.saving') : t('editor.save')}
          </button>
        </div>
        <div className="buttons secondary">
          <button type="button" className="link" onClick={() => setDraft(answer.settings)}>
            {t('editor.reset')}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => setDraft(answer.defaults)}
            data-testid="model-defaults"
          >
            {t('editor.defaults')}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => download(`health-model-${tenant}.json`, `${JSON.stringify(draft, null, 2)}\n`)}
            data-testid="model-export"
          >
            {t('editor.export')}
          </button>
          <label className="link file">
            {t('editor.import')}
            <input
              type="file"
              accept="application/json,.json"
              onChange={importFile}
              data-testid="model-import"
            />
          </label>
        </div>
        {error ? <ErrorView error={error} /> : null}
        {saved ? (
          <p className="ok" role="status" data-testid="model-saved">
            {t('editor.saved', { version: saved.version, count: f.number(saved.refreshed, 0) })}
          </p>
        ) : null}
        {preview && !previewed ? <p className="muted">{t('editor.preview_stale')}</p> : null}
        {preview ? <PreviewView tenant={tenant} preview={preview.result} /> : null}
      </section>

      <BacktestPanel tenant={tenant} draft={draft} />

      <Versions answer={answer} onLoad={(s) => setDraft(s)} />
    </div>
  );
}

function PreviewView({ tenant, preview }: { tenant: string; preview: Preview }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const keys = ['green', 'yellow', 'red', 'none'] as const;
  return (
    <div data-testid="model-preview-result">
      <p>
        <b data-testid="preview-summary">
          {preview.changed
            ? t('editor.preview_result', {
                changed: f.number(preview.changed, 0),
                accounts: f.number(preview.accounts, 0),
              })
            : t('editor.preview_none')}
        </b>
      </p>
      <table data-testid="preview-bands">
        <thead>
          <tr>
            <th />
            {keys.map((k) => (
              <th key={k} className="num">
                {t(`bands.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['before', 'after'] as const).map((row) => (
            <tr key={row}>
              <th>{t(`editor.${row}`)}</th>
              {keys.map((k) => (
                <td key={k} className="num" data-testid={`preview-${row}-${k}`}>
                  {f.number(preview[row][k], 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.changes.length ? (
        <>
          <h3>{t('editor.changes')}</h3>
          <table data-testid="preview-changes">
            <thead>
              <tr>
                <th>{t('editor.col.account')}</th>
                <th>{t('editor.col.from')}</th>
                <th>{t('editor.col.to')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.map((c) => (
                <tr key={c.companyId}>
                  <td>
                    <Link to={`/${encodeURIComponent(tenant)}/accounts/${c.companyId}`}>
                      {c.name ?? c.companyId}
                    </Link>
                  </td>
                  <td>
                    {f.number(c.from.score, 1)} <BandBadge band={c.from.band} />
                  </td>
                  <td>
                    {f.number(c.to.score, 1)} <BandBadge band={c.to.band} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

function Versions({ answer, onLoad }: { answer: SettingsAnswer; onLoad: (s: Settings) => void }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  return (
    <section className="card">
      <h2>{t('editor.versions')}</h2>
      {answer.versions.length === 0 ? (
        <p className="muted" data-testid="versions-empty">
          {t('editor.versions_empty')}
        </p>
      ) : (
        <table data-testid="model-versions">
          <thead>
            <tr>
              <th>{t('editor.col_version')}</th>
              <th>{t('editor.col_saved')}</th>
              <th>{t('editor.col_by')}</th>
              <th>{t('editor.col_note')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {answer.versions.map((v) => {
              const settings = settingsSchema.safeParse(v.settings);
              return (
                <tr key={v.version} data-version={v.version}>
                  <td>{v.version}</td>
                  <td>{f.dateTime(v.savedAt)}</td>
                  <td>{v.savedBy}</td>
                  <td>{v.note ?? ''}</td>
                  <td>
                    {settings.success ? (
                      <button type="button" className="link" onClick={() => onLoad(settings.data)}>
                        {t('editor.load_version')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
