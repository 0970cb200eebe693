import { useEffect, useState } from 'react';
import { ColumnHeads } from '../components/table-parts.js';
import { AsyncStatus } from '../components/async-status.js';
import { useTranslation } from 'react-i18next';
import { bundlePaths, type EvidenceKind } from '../../../shared/bundle/manifest.js';
import type { EventPayload } from '../../../shared/contract/events.js';
import type { OperationResponse, RunDetail } from '../../../shared/contract/operations.js';
import { useApi } from '../api-context.js';
import { ErrorText } from '../components/error-text.js';
import { CopyButton } from '../components/copy-button.js';
import { errorInfo, formatBytes, formatDateTime, formatList, type ErrorInfo } from '../format.js';
import { useAsync } from '../screens/use-async.js';
import { useLanguage } from '../use-language.js';

type Saved = OperationResponse<'export.save'>;
type Phase = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; saved: Saved; redacted: boolean } | { kind: 'error'; error: ErrorInfo };

const kindByPath = new Map<string, EvidenceKind>(Object.entries(bundlePaths).map(([kind, file]) => [file, kind as EvidenceKind]));

/** The last path segment of a saved file (Windows or POSIX separators). */
const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/**
 * Export: redaction switch (with what it removes), the zip's files and what each is for, save, progress,
 * show in folder, and a short text for the support case. A saved result belongs to the redaction setting
 * it was made with: changing the switch withdraws it (and its link), so the wrong zip cannot be handed out.
 */
export function ExportView({ runId, detail }: { runId: string; detail?: RunDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const [redact, setRedact] = useState(false);
  const plan = useAsync(() => api['export.plan']({ runId, redact }), [api, runId, redact]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [stale, setStale] = useState<{ path: string; redacted: boolean } | null>(null);
  const [progress, setProgress] = useState<EventPayload<'export.progress'> | null>(null);
  const [revealed, setRevealed] = useState<OperationResponse<'export.reveal'> | null>(null);
  const [revealError, setRevealError] = useState(false);

  useEffect(() => api.on('export.progress', (event) => setProgress(event)), [api]);

  const changeRedaction = (value: boolean) => {
    if (phase.kind === 'saved' && phase.saved.path !== null) setStale({ path: phase.saved.path, redacted: phase.redacted });
    else if (stale !== null && stale.redacted === value) setStale(null);
    setPhase({ kind: 'idle' });
    setRevealed(null);
    setRevealError(false);
    setRedact(value);
  };

  const save = async () => {
    const redacted = redact;
    setPhase({ kind: 'saving' });
    setStale(null);
    setProgress(null);
    setRevealed(null);
    try {
      const saved = await api['export.save']({ runId, redact: redacted });
      setPhase({ kind: 'saved', saved, redacted });
    } catch (error) {
      setPhase({ kind: 'error', error: errorInfo(error) });
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

  const purpose = (file: string): string => {
    const kind = kindByPath.get(file);
    return kind === undefined ? '' : t(`export.purpose.${kind}`);
  };

  const percent = progress !== null && progress.totalBytes !== null && progress.totalBytes > 0 ? Math.min(100, Math.round((progress.bytesWritten / progress.totalBytes) * 100)) : null;

  const supportText = (): string | null => {
    if (detail === undefined || plan.status !== 'ready') return null;
    const file = phase.kind === 'saved' && phase.saved.path !== null ? baseName(phase.saved.path) : plan.value.suggestedName;
    const titles = detail.findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.title);
    return t('export.supportText', {
      file,
      machine: detail.summary.machine ?? t('history.unknownMachine'),
      role: t(`roles.${detail.summary.role}`),
      date: formatDateTime(detail.summary.startedAt, language),
      redaction: redact ? t('export.supportRedacted') : t('export.supportFull'),
      findings: titles.length === 0 ? t('export.supportNoFindings') : formatList(titles, language),
    });
  };
  const support = supportText();

  return (
    <div className="export">
      <h3>{t('export.heading')}</h3>
      <p className="notice notice-info" data-testid="export-not-sent">
        {t('export.notSent')}
      </p>
      <div className="switch-row">
        <input
          id="redact"
          type="checkbox"
          role="switch"
          checked={redact}
          disabled={phase.kind === 'saving'}
          onChange={(event) => changeRedaction(event.target.checked)}
          aria-describedby="redact-help"
        />
        <label htmlFor="redact">{t('export.redact')}</label>
      </div>
      <p id="redact-help" className="hint">
        {t('export.redactHelp')}
      </p>

      <h4>{t('export.filesHeading')}</h4>
      <AsyncStatus state={plan} />
      {plan.status === 'ready' && (
        <>
          <table data-testid="export-files" className="export-files">
            <ColumnHeads labels={[t('export.colFile'), t('export.colPurpose'), t('export.colSize')]} />
            <tbody>
              {plan.value.files.map((file) => (
                <tr key={file.path}>
                  <th scope="row">
                    <code>{file.path}</code>
                  </th>
                  <td>{purpose(file.path)}</td>
                  <td className="numeric">{formatBytes(file.size, language, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('export.total', { size: formatBytes(plan.value.totalBytes, language, t) })}</p>
          {plan.value.omitted.length > 0 && (
            <ul data-testid="export-omitted">
              {plan.value.omitted.map((file) => (
                <li key={file.path}>{t('export.omitted', { path: file.path, reason: file.code === undefined ? file.reason : t(`export.omittedReason.${file.code}`) })}</li>
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
      {stale !== null && (
        <p role="status" className="notice notice-warning" data-testid="export-stale">
          {t(stale.redacted ? 'export.stale.redacted' : 'export.stale.full', { path: stale.path })}
        </p>
      )}
      {phase.kind === 'saving' && (
        <div role="status">
          <p>{t('export.saving')}</p>
          <progress aria-label={t('export.progressLabel')} max={100} value={percent ?? undefined} />
        </div>
      )}
      {phase.kind === 'error' && (
        <p role="alert" className="notice notice-problem">
          <ErrorText error={phase.error} />
        </p>
      )}
      {phase.kind === 'saved' && phase.saved.path === null && <p role="status">{t('export.cancelled')}</p>}
      {phase.kind === 'saved' && phase.saved.path !== null && (
        <div role="status" className="notice notice-ok" data-testid="export-saved">
          <p>
            <progress aria-label={t('export.progressLabel')} max={100} value={100} /> {t(phase.redacted ? 'export.savedAs.redacted' : 'export.savedAs.full', { path: phase.saved.path })}
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
      {support !== null && (
        <section aria-labelledby="support-text-heading" className="support-text">
          <h4 id="support-text-heading">{t('export.supportHeading')}</h4>
          <p className="hint">{t('export.supportHint')}</p>
          <p data-testid="support-text" className="support-text-body">
            {support}
          </p>
          <CopyButton text={support} label={t('export.copyText')} />
        </section>
      )}
    </div>
  );
}
