/**
 * Where the technician is, and how a screen moves elsewhere. Its own module, so the screens need not
 * import the app that renders them (that made the app and its five screens an import cycle).
 */

/** The tabs of the results screen. */
export type ResultsTab = 'findings' | 'path' | 'host' | 'export';

/** One screen at a time; the run it concerns travels with it. */
export type View =
  | { readonly name: 'start' }
  | { readonly name: 'running'; readonly runId: string }
  | { readonly name: 'results'; readonly runId: string; readonly tab: ResultsTab; readonly caseId?: string }
  | { readonly name: 'case'; readonly caseId: string }
  | { readonly name: 'history' }
  | { readonly name: 'compare'; readonly olderRunId: string; readonly newerRunId: string };

export type Navigate = (view: View) => void;
