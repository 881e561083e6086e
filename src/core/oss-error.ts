import { catalogueMessage, keyOf, type MessageKey, statusOf } from './catalogue';

/** Extra elements OSS appends after HostId, in order (ArgumentName/ArgumentValue, Header, Expires, ...). */
export type OssErrorDetails = ReadonlyArray<readonly [element: string, value: string]>;

/** The keys of `InvalidArgument` messages: what `invalidArgument()` takes. */
export type InvalidArgumentKey = Extract<MessageKey, `InvalidArgument.${string}`>;

/**
 * An error exactly as OSS would return it. Only codes and messages from the
 * catalogue (schemas/errors.json) can be built, so a typo in a rule fails its
 * unit test instead of reaching a client. Code refers to messages by key
 * (`ossError('InvalidBucketName.invalid')`); the constructor takes the wire code
 * and text, for errors read back from OSS or written out in full.
 */
export class OssError extends Error {
  readonly code: string;
  /** `Code.key` of the catalogue message (of the template, for a filled one). */
  readonly key: MessageKey;
  readonly status: number;
  readonly details: OssErrorDetails;
  readonly ec: string | undefined;

  constructor(code: string, message: string, details: OssErrorDetails = [], ec?: string) {
    super(message);
    const key = keyOf(code, message);
    if (key === undefined) {
      throw new TypeError(`oss-preflight: "${code}: ${message}" is not in schemas/errors.json`);
    }
    this.name = 'OssError';
    this.code = code;
    this.key = key;
    this.status = statusOf(code);
    this.details = details;
    this.ec = ec;
  }

  /** Looks up an extra element such as ArgumentName. */
  detail(element: string): string | undefined {
    return this.details.find(([name]) => name === element)?.[1];
  }
}

/**
 * The catalogue message `key` (`'InvalidArgument.parameterInvalid'`) as an error. `fill` gives a
 * template's variable parts (`{ condition: ... }`).
 */
export function ossError(
  key: MessageKey,
  details?: OssErrorDetails,
  ec?: string,
  fill?: Readonly<Record<string, string>>,
): OssError {
  const { code, text } = catalogueMessage(key, fill);
  return new OssError(code, text, details, ec);
}

/** `InvalidArgument` with the ArgumentName/ArgumentValue pair OSS adds to most of them. */
export function invalidArgument(key: InvalidArgumentKey, name?: string, value?: string): OssError {
  const details: [string, string][] = [];
  if (name !== undefined) details.push(['ArgumentName', name]);
  if (value !== undefined) details.push(['ArgumentValue', value]);
  return ossError(key, details);
}

export function isOssError(value: unknown): value is OssError {
  return value instanceof OssError;
}
