export * from './api.js';
export * from './channels.js';
export * from './errors.js';
export * from './events.js';
export * from './languages.js';
export * from './limits.js';
export * from './operations.js';
export * from './run-status.js';
