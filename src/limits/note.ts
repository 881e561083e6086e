import type { ServerResponse } from 'node:http';

/**
 * What the limits decided for one request, for the log line and the metrics:
 * - `refused`: a limit was exceeded and the client got OSS's 503;
 * - `throttled`: a bandwidth limit slowed the body down (for `waitedMs` in all);
 * - `store-error`: the store did not answer; `failOpen` says whether the request went on.
 */
export type LimitNote = {
  readonly decision: 'refused' | 'throttled' | 'store-error';
  /** The limit's name (for `store-error`, the first limit that could not be checked). */
  readonly limit: string;
  readonly waitedMs?: number;
  readonly failOpen?: boolean;
};

// Kept beside the response, like the outcome note: nothing of it reaches the wire.
const notes = new WeakMap<ServerResponse, LimitNote>();

export function noteLimit(res: ServerResponse, note: LimitNote): void {
  const previous = notes.get(res);
  // A refusal says the most; throttling adds up its waits.
  if (previous?.decision === 'refused') return;
  if (previous?.decision === 'throttled' && note.decision === 'throttled') {
    notes.set(res, { ...previous, waitedMs: (previous.waitedMs ?? 0) + (note.waitedMs ?? 0) });
    return;
  }
  if (previous?.decision === 'throttled' && note.decision === 'store-error') return;
  notes.set(res, note);
}

export function limitNote(res: ServerResponse): LimitNote | undefined {
  return notes.get(res);
}
