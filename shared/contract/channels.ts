/**
 * IPC channel names, kept free of schema code so the sandboxed preload bundles only these strings.
 *
 * Every channel carries the `kmsd:` prefix; the IPC gate refuses anything else.
 */
export const channelPrefix = 'kmsd:';

export const operationChannels = {
  'app.info': 'kmsd:app.info',
  'diagnosis.start': 'kmsd:diagnosis.start',
  'diagnosis.cancel': 'kmsd:diagnosis.cancel',
  'history.list': 'kmsd:history.list',
} as const;

export const eventChannels = {
  'run.progress': 'kmsd:event.run.progress',
  'run.finished': 'kmsd:event.run.finished',
} as const;
