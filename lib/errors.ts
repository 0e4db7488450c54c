/**
 * A failure the user can act on; its message is shown as is. Anything else thrown inside an
 * action is logged and replaced by a generic message, so internals never reach the client.
 */
export class ExpectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpectedError";
  }
}

/** Same answer for "does not exist" and "not yours": a foreign id must not be confirmable. */
export class NotFoundError extends ExpectedError {
  constructor(what = "That item") {
    super(`${what} was not found.`);
    this.name = "NotFoundError";
  }
}
