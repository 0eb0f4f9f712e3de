/** A mistake in how the command was called (exit code 2). The message says what to do instead. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
