/** A run's status (kept free of schema code like languages.ts): the contract schema and the history store read this. */
export const runStatuses = ['running', 'complete', 'incomplete', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];
