/**
 * The logger given to every SDK client: silent. The SDK's own logging would print parameter values
 * and responses (and some middleware falls back to `console` when given the SDK's no-op logger).
 * The bridge writes its own audit events instead.
 */

/** A logger that drops everything (structurally the SDK's `Logger`). */
export const SILENT_SDK_LOGGER = {
  trace: (): void => {},
  debug: (): void => {},
  info: (): void => {},
  warn: (): void => {},
  error: (): void => {},
};
