import type { ErrorObject } from 'ajv';
import callbackSchema from '../../../schemas/callback.schema.json';
import { hasInvalidFieldValueChar } from '../../core/field-value';
import { once } from '../../core/lazy';
import { type InvalidArgumentKey, isOssError, type OssError } from '../../core/oss-error';
import { callbackAjv } from './ajv';
import { decodeBase64 } from './base64';
import { callbackBodyVariablesError } from './callback-body-syntax';
import { callbackUrlError } from './callback-url';
import {
  CALLBACK_BODY_EMPTY,
  CALLBACK_BODY_INVALID,
  CALLBACK_BODY_TYPE_INVALID,
  CALLBACK_BODY_TYPE_UNSUPPORTED,
  CALLBACK_HOST_INVALID,
  CALLBACK_NOT_BASE64,
  CALLBACK_NOT_JSON,
  CALLBACK_SNI_INVALID,
  CALLBACK_TOO_LONG,
  CALLBACK_URL_INVALID,
  callbackArgumentError,
} from './messages';

/** "5 KB" in the docs; whether the limit is inclusive is not documented, so 5120 passes and 5121 fails. */
export const MAX_CALLBACK_LENGTH = 5120;

const BODY_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);

/**
 * The two documented body types. Case and parameters (`; charset=utf-8`) are
 * tolerated and `""` counts as absent: OSS's exact comparison is undocumented.
 * The value becomes the Content-Type of OSS's callback request, so a character
 * that cannot be in a header (`application/json; a=\r\nX: y`) makes it unsupported.
 */
export function isSupportedCallbackBodyType(value: string): boolean {
  if (hasInvalidFieldValueChar(value)) return false;
  if (value.trim() === '') return true;
  const semicolon = value.indexOf(';');
  const media = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  return BODY_TYPES.has(media);
}

// Compiled when the first callback is checked, not at import.
const callbackValidator = once(() => {
  const ajv = callbackAjv();
  ajv.addFormat('oss-callback-body-type', { type: 'string', validate: isSupportedCallbackBodyType });
  // callbackHost becomes the Host header of OSS's callback request.
  ajv.addFormat('oss-field-value', { type: 'string', validate: (value) => !hasInvalidFieldValueChar(value) });
  return ajv.compile(callbackSchema);
});

type Failure = readonly [message: InvalidArgumentKey, ec: string | undefined];

const FIELD_FAILURES: Readonly<Record<string, Failure>> = {
  callbackUrl: [CALLBACK_URL_INVALID, '0007-00000004'],
  callbackHost: [CALLBACK_HOST_INVALID, '0007-00000009'],
  callbackSNI: [CALLBACK_SNI_INVALID, undefined],
};

/** Maps Ajv's first error (schema order = OSS's check order) to the message OSS gives for that field. */
function schemaFailure(error: ErrorObject): Failure | undefined {
  const field =
    error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/')[1];
  if (field === undefined) return [CALLBACK_NOT_JSON, '0007-00000003'];
  if (field === 'callbackBody') {
    return error.keyword === 'type'
      ? [CALLBACK_BODY_INVALID, undefined]
      : [CALLBACK_BODY_EMPTY, '0007-00000011'];
  }
  if (field === 'callbackBodyType') {
    return error.keyword === 'type'
      ? [CALLBACK_BODY_TYPE_INVALID, '0007-00000012']
      : [CALLBACK_BODY_TYPE_UNSUPPORTED, undefined];
  }
  return FIELD_FAILURES[field];
}

export type CallbackDocument = { readonly text: string; readonly json: Record<string, unknown> };

/** Decodes a callback value into its JSON object, or the error OSS gives when it cannot. */
export function decodeCallback(value: string): CallbackDocument | OssError {
  if (value.length > MAX_CALLBACK_LENGTH) {
    return callbackArgumentError(CALLBACK_TOO_LONG, 'callback', value, '0007-00000001');
  }
  const bytes = decodeBase64(value);
  if (!bytes) return callbackArgumentError(CALLBACK_NOT_BASE64, 'callback', value, '0007-00000002');
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return callbackArgumentError(CALLBACK_NOT_JSON, 'callback', text, '0007-00000003');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return callbackArgumentError(CALLBACK_NOT_JSON, 'callback', text, '0007-00000003');
  }
  return { text, json: json as Record<string, unknown> };
}

export type CallbackErrorOptions = {
  /**
   * Whether the request also carries custom variables (a callback-var, or
   * PostObject `x:` fields); only then does OSS check `${...}` syntax in callbackBody.
   */
  readonly variables?: boolean;
};

/**
 * The error OSS returns for a callback value (base64 JSON from `x-oss-callback`,
 * `?callback=` or the PostObject `callback` field), or undefined when OSS accepts it.
 * Checks run in OSS's EC order: length, base64, JSON, callbackUrl, callbackHost,
 * callbackBody, callbackBodyType, callbackSNI.
 */
export function callbackError(value: string, options: CallbackErrorOptions = {}): OssError | undefined {
  const document = decodeCallback(value);
  if (isOssError(document)) return document;
  const { text, json } = document;
  const validateCallback = callbackValidator();
  const valid = validateCallback(json);
  const failure = valid ? undefined : schemaFailure(validateCallback.errors![0]!);
  if (failure && failure[0] === CALLBACK_URL_INVALID) {
    return callbackArgumentError(CALLBACK_URL_INVALID, 'callback', text, failure[1]);
  }
  // A callback that only names a bucket callback policy has no URL of its own.
  if (!('callbackPolicy' in json)) {
    const urlError = callbackUrlError(json.callbackUrl as string, text);
    if (urlError) return urlError;
  }
  if (failure) return callbackArgumentError(failure[0], 'callback', text, failure[1]);
  if (!options.variables || typeof json.callbackBody !== 'string') return undefined;
  return callbackBodyVariablesError(json.callbackBody);
}

/** callbackBody of a callback OSS accepts, for the variable-syntax check. */
export function callbackBodyOf(value: string): string | undefined {
  const document = decodeCallback(value);
  if (isOssError(document)) return undefined;
  const body = document.json.callbackBody;
  return typeof body === 'string' ? body : undefined;
}
