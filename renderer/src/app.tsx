import { useEffect, useState } from 'react';
import type { KmsDoctorApi } from '../../shared/contract/api.js';
import type { OperationResponse } from '../../shared/contract/operations.js';

type AppInfo = OperationResponse<'app.info'>;

/** The application shell: header and the connection state; screens arrive with the UI issue. */
export function App({ api }: { api: KmsDoctorApi | null }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (api === null) return;
    api['app.info']({}).then(setInfo, (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, [api]);

  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>KMS Doctor</h1>
      </header>
      <main>
        {api === null && <p role="status">No connection to the KMS Doctor service: this page runs without its back end.</p>}
        {error !== null && <p role="alert">{error}</p>}
        {info !== null && (
          <p role="status" data-testid="app-info">
            Version {info.version} on {info.platform}
            {info.canCollect ? '' : ' — replay only: open a bundle to diagnose it'}
          </p>
        )}
      </main>
    </div>
  );
}
