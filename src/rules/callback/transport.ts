import { type OssRequest, percentDecodeBytes } from '../../core/request';
import type { RuleInputs } from '../../core/rule';

/** Where a callback value was found. OSS applies the same rules to all three. */
export type CallbackTransport = 'header' | 'query' | 'form';

export type CallbackSource = { readonly value: string; readonly transport: CallbackTransport };

/** The operations OSS documents the upload callback for; elsewhere OSS ignores it, so no rule looks. */
export const CALLBACK_OPERATIONS = ['PutObject', 'PostObject', 'CompleteMultipartUpload'] as const;

/**
 * A query parameter's value, percent-decoded but with `+` kept: base64 uses `+`,
 * and turning it into a space would make a valid callback look broken. Empty
 * values count as absent (an empty callback's handling is undocumented).
 */
export function rawQueryValue(request: OssRequest, name: string): string | undefined {
  // The parsed map tells cheaply whether the parameter is there at all.
  if (!request.query.get(name)) return undefined;
  for (const part of request.rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = percentDecodeBytes(part.slice(0, eq).replace(/\+/g, ' ')).toString('utf8');
    if (key !== name) continue;
    const value = percentDecodeBytes(part.slice(eq + 1)).toString('utf8');
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function headerValue(request: OssRequest, name: string): string | undefined {
  const value = request.headers[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A PostObject form field; field names are matched case-insensitively, as OSS does for its own fields. */
export function formField(request: OssRequest, name: string): string | undefined {
  const form = request.form;
  if (!form) return undefined;
  for (const [key, value] of Object.entries(form)) {
    if (key.toLowerCase() === name) return value === '' ? undefined : value;
  }
  return undefined;
}

/** The callback a request carries (header first, as a request with both is refused earlier). */
/**
 * The header and query spellings of the callback: a request with neither has no callback
 * (PostObject's form fields aside, which the engine never skips).
 */
export const CALLBACK_INPUTS: RuleInputs = { headers: ['x-oss-callback'], query: ['callback'] };

/** Likewise for the callback's custom variables (callbackVarValue). */
export const CALLBACK_VAR_INPUTS: RuleInputs = { headers: ['x-oss-callback-var'], query: ['callback-var'] };

export function callbackSource(request: OssRequest): CallbackSource | undefined {
  if (request.operation === 'PostObject') {
    const value = formField(request, 'callback');
    if (value !== undefined) return { value, transport: 'form' };
    // The form field is PostObject's documented transport; a header or query callback sent with a
    // form is forwarded too, and OSS does not say it ignores one, so it is held to the same rules
    // (an invalid or private target is refused; a valid one passes).
  }
  const header = headerValue(request, 'x-oss-callback');
  if (header !== undefined) return { value: header, transport: 'header' };
  const query = rawQueryValue(request, 'callback');
  return query === undefined ? undefined : { value: query, transport: 'query' };
}

/** The base64 callback-var of a PutObject/CompleteMultipartUpload (PostObject sends `x:` fields instead). */
export function callbackVarValue(request: OssRequest): string | undefined {
  if (request.operation === 'PostObject') return undefined;
  return headerValue(request, 'x-oss-callback-var') ?? rawQueryValue(request, 'callback-var');
}

/** True when OSS will substitute custom variables into callbackBody. */
export function hasCallbackVariables(request: OssRequest): boolean {
  if (request.operation !== 'PostObject') return callbackVarValue(request) !== undefined;
  const form = request.form;
  return form !== undefined && Object.keys(form).some((key) => key.toLowerCase().startsWith('x:'));
}
