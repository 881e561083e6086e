import type { IncomingMessage } from 'node:http';
import type { OssRequest } from '../core/request';
import { MAX_POST_OBJECT_BYTES } from '../rules/post-object';
import type { PostFilePart, SizeRange } from './form-part';
import type { RawFormTap } from './raw-form';

export type { PostFilePart, SizeRange } from './form-part';

type Listener = (error: Error | undefined) => void;

/**
 * Everything one PostObject request accumulates while its form streams in. The parser, the
 * fileFilter, the size meter and the upload engine share it; OSS answers one error per request,
 * so the first failure is kept and every later one ignored.
 */
export class PostFormState {
  /** Every field before the file, in order, with duplicates, names as sent. */
  readonly fields: Array<readonly [name: string, value: string]> = [];
  file: PostFilePart | undefined;
  /** The validated request (form set), once the fileFilter accepted the form. */
  request: OssRequest;
  /** The object key after `${filename}` expansion. */
  key: string | undefined;
  sizeRange: SizeRange = { min: 0, max: MAX_POST_OBJECT_BYTES };
  preDataBytes = 0;
  bodyBytes = 0;
  /** True once busboy started on the body (multer skips bodies it does not recognise). */
  parsing = false;
  /** The fileFilter accepted the form; until then a part after the file is held back as a verdict. */
  accepted = false;
  /** A part arrived after the file while the fileFilter was still deciding. */
  partAfterFile = false;
  /** The body's bytes as sent, when the upload engine forwards them instead of re-encoding. */
  rawForm: RawFormTap | undefined;
  error: Error | undefined;
  complete = false;
  private listeners: Listener[] = [];

  constructor(request: OssRequest) {
    this.request = request;
  }

  /**
   * Records the request's failure; false when an earlier one already decided it. A failure after
   * the form completed (no file at all, say) still counts: completion only released the upload.
   */
  fail(error: Error): boolean {
    if (this.error !== undefined) return false;
    this.error = error;
    this.settle(error);
    return true;
  }

  /** The whole form was read and nothing failed: the upload may be committed. */
  finish(): void {
    if (this.error !== undefined || this.complete) return;
    this.complete = true;
    this.settle(undefined);
  }

  /** Calls `listener` once, with the failure or with undefined on completion, now if already settled. */
  settled(listener: Listener): void {
    if (this.error !== undefined || this.complete) listener(this.error);
    else this.listeners.push(listener);
  }

  /** The fields as `OssRequest.form`: the first value of each name, names as sent. */
  form(): Record<string, string> {
    // No prototype, so a field named __proto__ or constructor is data like any other.
    const form = Object.create(null) as Record<string, string>;
    for (const [name, value] of this.fields) if (!Object.hasOwn(form, name)) form[name] = value;
    return form;
  }

  private settle(error: Error | undefined): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener(error);
  }
}

const STATE = Symbol.for('oss-preflight.post-form');
type WithState = IncomingMessage & { [STATE]?: PostFormState };

export function getPostFormState(req: IncomingMessage): PostFormState | undefined {
  return (req as WithState)[STATE];
}

export function setPostFormState(req: IncomingMessage, state: PostFormState): void {
  (req as WithState)[STATE] = state;
}
