import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/contract/events.js';
import type { OperationResponse } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import { errorMessage, formatBytes } from '../format.js';
import { useAsync } from '../screens/use-async.js';
import { useLanguage } from '../use-language.js';

type Saved = OperationResponse<'export.save'>;

/** Export: redaction switch (with what it removes), the zip's file list, save, progress, show in folder. */
export function ExportView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const [redact, setRedact] = useState(false);
  const plan = useAsync(() => api['export.plan']({ runId, redact }), [api, runId, redact]);
  const [phase, setPhase] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; saved: Saved } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const [progress, setProgress] = useState<EventPayload<'export.progress'> | null>(null);
  const [revealed, setRevealed] = useState<OperationResponse<'export.reveal'> | null>(null);
  const [revealError, setRevealError] = useState(false);

  useEffect(() => api.on('export.progress', (event) => setProgress(event)), [api]);

  const save = async () => {
    setPhase({ kind: 'saving' });
    setProgress(null);
    setRevealed(null);
    try {
      const saved = await api['export.save']({ runId, redact });
      setPhase({ kind: 'saved', saved });
    } catch (error) {
      setPhase({ kind: 'error', message: errorMessage(error) });
    }
  };

  const reveal = async (exportId: string) => {
    setRevealError(false);
    try {
      setRevealed(await api['export.reveal']({ exportId }));
    } catch {
      setRevealError(true);
    }
  };

  const percent = progress !== null && progress.totalBytes !== null && progress.totalBytes > 0 ? Math.min(100, Math.round((progress.bytesWritten / progress.totalBytes) * 100)) : null;

  return (
    <div className="export">
      <h3>{t('export.heading')}</h3>
      <div className="switch-row">
        <input id="redact" type="checkbox" role="switch" checked={redact} onChange={(event) => setRedact(event.target.checked)} aria-describedby="redact-help" />
        <label htmlFor="redact">{t('export.redact')}</label>
      </div>
      <p id="redact-help" className="hint">
        {t('export.redactHelp')}
      </p>

      <h4>{t('export.filesHeading')}</h4>
      {plan.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {plan.status === 'error' && (
        <p role="alert" className="notice notice-problem">
          {t('app.error', { message: plan.message })}
        </p>
      )}
      {plan.status === 'ready' && (
        <>
          <table data-testid="export-files">
            <thead>
              <tr>
                <th scope="col">{t('export.colFile')}</th>
                <th scope="col">{t('export.colSize')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.value.files.map((file) => (
                <tr key={file.path}>
                  <th scope="row">
                    <code>{file.path}</code>
                  </th>
                  <td className="numeric">{formatBytes(file.size, language, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('export.total', { size: formatBytes(plan.value.totalBytes, language, t) })}</p>
          {plan.value.omitted.length > 0 && (
            <ul data-testid="export-omitted">
              {plan.value.omitted.map((file) => (
                <li key={file.path}>{t('export.omitted', { path: file.path, reason: file.reason })}</li>
              ))}
            </ul>
          )}
        </>
      )}

      <div className="actions">
        <button type="button" className="button-primary" onClick={() => void save()} disabled={phase.kind === 'saving' || plan.status !== 'ready'}>
          {t('export.save')}
        </button>
      </div>
      {phase.kind === 'saving' && (
        <div role="status">
          <p>{t('export.saving')}</p>
          <progress aria-label={t('export.progressLabel')} max={100} value={percent ?? undefined} />
        </div>
      )}
      {phase.kind === 'error' && (
        <p role="alert" className="notice notice-problem">
          {t('app.error', { message: phase.message })}
        </p>
      )}
      {phase.kind === 'saved' && phase.saved.path === null && <p role="status">{t('export.cancelled')}</p>}
      {phase.kind === 'saved' && phase.saved.path !== null && (
        <div role="status" className="notice notice-ok">
          <p>
            <progress aria-label={t('export.progressLabel')} max={100} value={100} /> {t('export.saved', { path: phase.saved.path })}
          </p>
          <p data-testid="export-path" className="visually-hidden">
            {phase.saved.path}
          </p>
          {phase.saved.exportId !== null && (
            <button type="button" onClick={() => void reveal(phase.saved.exportId as string)}>
              {t('export.showInFolder')}
            </button>
          )}
          {revealed?.downloadUrl !== undefined && revealed.downloadUrl !== null && (
            <p>
              <a href={revealed.downloadUrl} download>
                {t('export.download')}
              </a>
            </p>
          )}
          {revealError && <p className="notice notice-warning">{t('export.revealFailed')}</p>}
        </div>
      )}
    </div>
  );
}
