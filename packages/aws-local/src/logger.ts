/**
 * The logger aws-local writes to: the subset of pino's `Logger` it calls, so a pino logger can be
 * passed as is without making pino a dependency of this package. aws-local never uses the console.
 */
export interface LocalAwsLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
