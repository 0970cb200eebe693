/** The error a handler throws for a capability whose service is not given: said plainly, never faked. */
export class CapabilityUnavailableError extends Error {
  /** The contract's error code, read by the IPC gate and the preview server. */
  readonly code = 'not-supported';
  constructor(readonly capability: string) {
    super(`${capability} is not available in this build yet`);
  }
}

/** An error with one of the contract's codes (the gate and the preview pass the code on). */
export class ApiFailure extends Error {
  constructor(
    readonly code: 'bad-request' | 'not-found' | 'failed',
    message: string,
  ) {
    super(message);
  }
}
