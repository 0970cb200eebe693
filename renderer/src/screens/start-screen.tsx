import { useRef, useState, type DragEvent } from 'react';
import { AsyncStatus } from '../components/async-status.js';
import { useTranslation } from 'react-i18next';
import type { OperationResponse } from '../../../shared/contract/operations.js';
import type { RequestedRole } from '../../../shared/kms/role.js';
import { maxUploadBytes, maxUploadFiles } from '../../../shared/contract/limits.js';
import { useApi } from '../api-context.js';
import { chosenFromDrop, chosenFromPicker, type Chosen } from '../chosen-files.js';
import { ErrorText } from '../components/error-text.js';
import { useFocusHeading } from '../components/use-focus-heading.js';
import type { Navigate } from '../navigation.js';
import { CaseVerdictBadge, SeverityBadge } from '../components/status-text.js';
import { errorInfo, formatBytes, formatDateTime, formatList, type ErrorInfo } from '../format.js';
import { useLanguage } from '../use-language.js';
import { useAsync } from './use-async.js';

/** A role the technician picks with a button: a requested role other than "work it out". */
type DiagnoseRole = Exclude<RequestedRole, 'auto'>;

type AppInfo = OperationResponse<'app.info'>;

/** Encodes file bytes as base64 in chunks (String.fromCharCode on a whole large array overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  return btoa(binary);
}

/** Start: the machine, elevation, detected role with its reason, the two paths, open a bundle, history. */
export function StartScreen({ info, navigate }: { info: AppInfo | null; navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const language = useLanguage();
  const machine = useAsync(() => api['machine.info']({}), [api]);
  const history = useAsync(() => api['history.list']({}), [api]);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [bundleState, setBundleState] = useState<{ kind: 'idle' } | { kind: 'opening'; name: string } | { kind: 'error'; error: ErrorInfo } | { kind: 'too-big' | 'too-many' | 'empty' }>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const heading = useFocusHeading<HTMLHeadingElement>();
  const canDiagnose = info !== null && (info.canCollect || info.mode === 'preview');

  const diagnose = async (role: DiagnoseRole) => {
    setStarting(true);
    setStartError(null);
    try {
      const { runId } = await api['diagnosis.start']({ role });
      navigate({ name: 'running', runId });
    } catch (error) {
      setStartError(errorInfo(error));
      setStarting(false);
    }
  };

  /**
   * One file opens as itself (a zip, one slmgr text); several are read together as one loose folder; a
   * chosen or dropped folder keeps its layout (each file's path below the folder), so a bundle folder stays a bundle.
   */
  const openFiles = async (chosen: Chosen) => {
    const { files, folder } = chosen;
    if (files.length === 0) {
      setBundleState({ kind: 'empty' });
      return;
    }
    if (files.length > maxUploadFiles) {
      setBundleState({ kind: 'too-many' });
      return;
    }
    if (files.reduce((sum, { file }) => sum + file.size, 0) > maxUploadBytes) {
      setBundleState({ kind: 'too-big' });
      return;
    }
    // Named as the technician sees what they dropped: each top folder once, each loose file.
    const tops = [...new Set(files.map(({ file, path }) => path?.split('/')[0] ?? file.name))];
    setBundleState({ kind: 'opening', name: folder ?? formatList(tops, language) });
    try {
      const read = await Promise.all(
        files.map(async ({ file, path }) => ({
          name: file.name,
          ...(path !== undefined ? { path } : {}),
          dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
        })),
      );
      const [only] = read;
      const { runId, caseId } = await api['bundle.open'](
        folder !== undefined
          ? { source: 'upload-files', folder, files: read }
          : read.length === 1 && only !== undefined && only.path === undefined
            ? { source: 'upload', name: only.name, dataBase64: only.dataBase64 }
            : { source: 'upload-files', files: read },
      );
      if (caseId !== undefined) navigate({ name: 'case', caseId });
      else if (runId !== null) navigate({ name: 'running', runId });
      else setBundleState({ kind: 'idle' });
    } catch (error) {
      setBundleState({ kind: 'error', error: errorInfo(error) });
    }
  };

  const chooseNative = async (pick: 'files' | 'folder') => {
    setBundleState({ kind: 'idle' });
    try {
      const { runId, caseId } = await api['bundle.open']({ source: 'dialog', pick, lang: language });
      if (caseId !== undefined) navigate({ name: 'case', caseId });
      else if (runId !== null) navigate({ name: 'running', runId });
    } catch (error) {
      setBundleState({ kind: 'error', error: errorInfo(error) });
    }
  };

  const chooseFiles = () => {
    if (info?.nativeDialogs === true) void chooseNative('files');
    else fileInput.current?.click();
  };
  const chooseFolder = () => {
    if (info?.nativeDialogs === true) void chooseNative('folder');
    else folderInput.current?.click();
  };

  const onPicked = (input: HTMLInputElement, fromFolder: boolean) => {
    const chosen = [...(input.files ?? [])];
    // Cleared, so choosing the same files again opens them again.
    input.value = '';
    void openFiles(chosenFromPicker(chosen, fromFolder));
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const { dataTransfer } = event;
    // Read now: the DataTransfer is emptied once this handler returns; the folders are walked after.
    const files = [...dataTransfer.files];
    const entries = [...(dataTransfer.items ?? [])].map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null));
    void chosenFromDrop(files, entries, maxUploadFiles).then(openFiles, (error: unknown) => setBundleState({ kind: 'error', error: errorInfo(error) }));
  };

  /** Why what was chosen or dropped was refused before reading it. */
  const refusal =
    bundleState.kind === 'too-big'
      ? t('start.tooBig', { size: formatBytes(maxUploadBytes, language, t) })
      : bundleState.kind === 'too-many'
        ? t('start.tooMany', { count: maxUploadFiles })
        : bundleState.kind === 'empty'
          ? t('start.nothingToOpen')
          : null;

  const detected = machine.status === 'ready' ? machine.value.detectedRole : 'unknown';
  const recommended = (role: DiagnoseRole) => detected === role || detected === 'both';

  return (
    <section aria-labelledby="start-heading" className="screen start-screen">
      <h2 id="start-heading" tabIndex={-1} ref={heading}>
        {t('start.heading')}
      </h2>
      {info?.mode === 'preview' && machine.status === 'ready' && (
        <p className="notice notice-info preview-banner">{t('app.previewBanner', { machine: machine.value.name ?? t('start.unknownValue') })}</p>
      )}
      {info !== null && !info.canCollect && info.mode !== 'preview' && <p className="notice notice-info">{t('start.cannotCollect', { platform: info.platform })}</p>}

      <div className="cards">
        <section aria-labelledby="machine-heading" className="card">
          <h3 id="machine-heading">{t('start.machineHeading')}</h3>
          <AsyncStatus state={machine} tone="warning" />
          {machine.status === 'ready' && (
            <>
              <dl className="facts">
                <dt>{t('start.machineName')}</dt>
                <dd data-testid="machine-name">{machine.value.name ?? t('start.unknownValue')}</dd>
                <dt>{t('start.os')}</dt>
                <dd>{machine.value.os ?? t('start.unknownValue')}</dd>
                <dt>{t('start.build')}</dt>
                <dd>{machine.value.build ?? t('start.unknownValue')}</dd>
                <dt>{t('start.edition')}</dt>
                <dd>{machine.value.edition ?? t('start.unknownValue')}</dd>
              </dl>
              {machine.value.elevated === true && <p className="notice notice-ok">{t('start.elevated')}</p>}
              {machine.value.elevated === null && <p className="notice notice-info">{t('start.elevationUnknown')}</p>}
              {machine.value.elevated === false && (
                <div className="notice notice-warning">
                  <p>{t('start.notElevated')}</p>
                  {machine.value.degraded.length > 0 && (
                    <>
                      <p>{t('start.degradedList')}</p>
                      <ul>
                        {machine.value.degraded.map((check) => (
                          <li key={check}>{i18n.exists(`steps.${check}`) ? t(`steps.${check}`) : <code>{check}</code>}</li>
                        ))}
                      </ul>
                    </>
                  )}
                  <p>{t('start.howToElevate')}</p>
                </div>
              )}
              <h4>{t('start.roleHeading')}</h4>
              <p data-testid="detected-role">
                <strong>{t(`roles.${machine.value.detectedRole}`)}</strong> — {t(`start.roleReason.${machine.value.roleReason.code}`, { detail: machine.value.roleReason.detail ?? '' })}
              </p>
            </>
          )}
        </section>

        {canDiagnose && (
          <section aria-labelledby="paths-heading" className="card">
            <h3 id="paths-heading">{t('start.pathsHeading')}</h3>
            {(['client', 'host'] as const).map((role) => (
              <div key={role} className={`path-choice${recommended(role) ? ' recommended' : ''}`}>
                <button type="button" className="button-primary" disabled={starting} onClick={() => void diagnose(role)} aria-describedby={`hint-${role}`}>
                  {role === 'client' ? t('start.diagnoseClient') : t('start.diagnoseHost')}
                </button>
                <p id={`hint-${role}`} className="hint">
                  {role === 'client' ? t('start.diagnoseClientHint') : t('start.diagnoseHostHint')}
                  {recommended(role) && <strong className="recommended-tag"> {t('start.recommended')}</strong>}
                </p>
              </div>
            ))}
            {startError !== null && (
              <p role="alert" className="notice notice-problem">
                <ErrorText error={startError} />
              </p>
            )}
          </section>
        )}

        <section aria-labelledby="bundle-heading" className="card">
          <h3 id="bundle-heading">{t('start.bundleHeading')}</h3>
          <p className="hint">{t('start.bundleHint')}</p>
          <div className="actions">
            <button type="button" onClick={chooseFiles}>
              {t('start.chooseFiles')}
            </button>
            <button type="button" onClick={chooseFolder}>
              {t('start.chooseFolder')}
            </button>
          </div>
          <input
            ref={fileInput}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="bundle-file-input"
            onChange={(event) => onPicked(event.target, false)}
          />
          <input
            ref={(element) => {
              folderInput.current = element;
              // A folder picker (Chromium, Firefox, Safari); React has no prop for it.
              if (element !== null) element.webkitdirectory = true;
            }}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="bundle-folder-input"
            onChange={(event) => onPicked(event.target, true)}
          />
          <div
            className={`drop-zone${dragging ? ' dragging' : ''}`}
            data-testid="drop-zone"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            {dragging ? t('start.dropActive') : t('start.dropZone')}
          </div>
          {bundleState.kind === 'opening' && <p role="status">{t('start.opening', { name: bundleState.name })}</p>}
          {bundleState.kind === 'error' && (
            <p role="alert" className="notice notice-problem" data-testid="bundle-error">
              <ErrorText error={bundleState.error} lead={t('start.bundleError')} />
            </p>
          )}
          {refusal !== null && (
            <p role="alert" className="notice notice-problem" data-testid="bundle-error">
              {refusal}
            </p>
          )}
        </section>

        <section aria-labelledby="recent-heading" className="card">
          <h3 id="recent-heading">{t('start.historyHeading')}</h3>
          <AsyncStatus state={history} tone="warning" />
          {history.status === 'ready' && history.value.runs.length === 0 && <p>{t('start.noHistory')}</p>}
          {history.status === 'ready' && (history.value.cases ?? []).length > 0 && (
            <ul className="recent-runs" data-testid="recent-cases">
              {(history.value.cases ?? []).slice(0, 3).map((item) => (
                <li key={item.caseId}>
                  <button type="button" className="link-button" onClick={() => navigate({ name: 'case', caseId: item.caseId })}>
                    {formatDateTime(item.startedAt, language)} — {t('start.recentCase', { count: item.machines.length })} <code>{item.name}</code>
                  </button>{' '}
                  <CaseVerdictBadge verdict={item.verdict} />
                </li>
              ))}
            </ul>
          )}
          {history.status === 'ready' && history.value.runs.length > 0 && (
            <ul className="recent-runs">
              {history.value.runs.slice(0, 5).map((run) => (
                <li key={run.runId}>
                  <button type="button" className="link-button" onClick={() => navigate({ name: 'results', runId: run.runId, tab: 'findings' })}>
                    {formatDateTime(run.startedAt, language)} — {t(`roles.${run.role}`)} — {run.machine ?? t('history.unknownMachine')}
                  </button>{' '}
                  <SeverityBadge severity={run.worstSeverity} />
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="link-button" onClick={() => navigate({ name: 'history' })}>
            {t('start.allHistory')}
          </button>
        </section>
      </div>
    </section>
  );
}
