import type { ServerResponse } from 'node:http';

/**
 * How a request ended, as logs and metrics report it:
 * - `forwarded`: the upstream's answer was relayed (whatever its status);
 * - `rejected`: the gateway answered with an OSS error of its own (a rule, a limit, authorization);
 * - `upstream-failure`: the upstream could not be reached, timed out or died mid-answer;
 * - `client-abort`: the client went away before its answer was complete;
 * - `internal-error`: a failure on the gateway's side (answered 500 InternalError).
 */
export type Outcome = 'forwarded' | 'rejected' | 'upstream-failure' | 'client-abort' | 'internal-error';

export type OutcomeNote = {
  readonly outcome: Outcome;
  /** The OSS error code the client saw (a rejection, or the upstream's own error document). */
  readonly code?: string | undefined;
  /** The x-oss-request-id the client saw: the upstream's, or the one of the gateway's own answer. */
  readonly requestId?: string | undefined;
  /** The cause, for the log only: never sent to the client. */
  readonly detail?: unknown;
};

// Kept beside the response, not on it: nothing of this reaches the wire.
const notes = new WeakMap<ServerResponse, OutcomeNote>();

// What ended a request for good; a later note (the upstream request dropped because the client left,
// the error answer a failure sends) only follows from it.
const FINAL: ReadonlySet<Outcome> = new Set(['upstream-failure', 'internal-error', 'client-abort']);

/** Records how the answer to `res` came about; a failure, internal error or client abort is kept. */
export function noteOutcome(res: ServerResponse, note: OutcomeNote): void {
  const previous = notes.get(res);
  if (previous !== undefined && FINAL.has(previous.outcome)) return;
  // A failure after the answer began keeps the request id the client already saw.
  notes.set(
    res,
    note.requestId === undefined && previous?.requestId ? { ...note, requestId: previous.requestId } : note,
  );
}

/**
 * The gateway sent an OSS error of its own. It is a rejection unless something else explains it (a
 * failure sends its error the same way); either way the request id of that answer is kept.
 */
export function noteRejection(res: ServerResponse, code: string, requestId: string): void {
  const previous = notes.get(res);
  notes.set(res, previous ? { ...previous, requestId } : { outcome: 'rejected', code, requestId });
}

/** Adds the upstream's own error code once it was read from its answer. */
export function noteUpstreamCode(res: ServerResponse, code: string): void {
  const previous = notes.get(res);
  if (previous?.outcome === 'forwarded') notes.set(res, { ...previous, code });
}

export function outcomeNote(res: ServerResponse): OutcomeNote | undefined {
  return notes.get(res);
}
