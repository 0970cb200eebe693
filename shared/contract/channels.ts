/**
 * IPC channel names, kept free of schema code so the sandboxed preload bundles only these strings.
 *
 * Every channel carries the `kmsd:` prefix; the IPC gate refuses anything else. The preload derives its
 * named methods from `operationChannels`, so adding an operation here (and in operations.ts) is enough.
 */
export const channelPrefix = 'kmsd:' as const;

/** The contract's operations by name; operations.ts gives each its schemas (a name missing there is a compile error). */
export const operationNameList = [
  'app.info',
  'machine.info',
  'diagnosis.start',
  'diagnosis.cancel',
  'bundle.open',
  'run.get',
  'run.step-output',
  'history.list',
  'case.get',
  'export.plan',
  'export.save',
  'export.reveal',
  'docs.open',
] as const;

type OperationNameInList = (typeof operationNameList)[number];

/** Each operation's IPC channel: the prefix and its name, derived, never written twice. */
export const operationChannels = Object.fromEntries(operationNameList.map((name) => [name, `${channelPrefix}${name}`])) as {
  readonly [K in OperationNameInList]: `${typeof channelPrefix}${K}`;
};

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
