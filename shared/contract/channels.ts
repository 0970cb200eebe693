/**
 * IPC channel names, kept free of schema code so the sandboxed preload bundles only these strings.
 *
 * Every channel carries the `kmsd:` prefix; the IPC gate refuses anything else. The preload derives its
 * named methods from `operationChannels`, so adding an operation here (and in operations.ts) is enough.
 */
export const channelPrefix = 'kmsd:';

export const operationChannels = {
  'app.info': 'kmsd:app.info',
  'machine.info': 'kmsd:machine.info',
  'diagnosis.start': 'kmsd:diagnosis.start',
  'diagnosis.cancel': 'kmsd:diagnosis.cancel',
  'bundle.open': 'kmsd:bundle.open',
  'run.get': 'kmsd:run.get',
  'run.step-output': 'kmsd:run.step-output',
  'history.list': 'kmsd:history.list',
  'export.plan': 'kmsd:export.plan',
  'export.save': 'kmsd:export.save',
  'export.reveal': 'kmsd:export.reveal',
  'docs.open': 'kmsd:docs.open',
} as const;

export const eventChannels = {
  'run.progress': 'kmsd:event.run.progress',
  'run.finished': 'kmsd:event.run.finished',
  'export.progress': 'kmsd:event.export.progress',
} as const;

/** URL paths of the browser bridge to the preview server (renderer/src/bridge and electron/preview share them). */
export const bridgeRoutes = {
  /** POST `${operation}${name}` with the request as JSON; the answer is an ApiResult. */
  operation: '/api/op/',
  /** Server-sent events, one `event:` per contract event name. */
  events: '/api/events',
  /** GET `${download}${id}`: a file the preview offered for download (an export). */
  download: '/api/download/',
} as const;
