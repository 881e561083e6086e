import { isCatalogued, statusOf } from './catalogue';

/** Extra elements OSS appends after HostId, in order (ArgumentName/ArgumentValue, Header, Expires, ...). */
export type OssErrorDetails = ReadonlyArray<readonly [element: string, value: string]>;

/**
 * An error exactly as OSS would return it. Only codes and messages from the
 * catalogue (schemas/errors.json) can be built, so a typo in a rule fails its
 * unit test instead of reaching a client.
 */
export class OssError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: OssErrorDetails;
  readonly ec: string | undefined;

  constructor(code: string, message: string, details: OssErrorDetails = [], ec?: string) {
    super(message);
    if (!isCatalogued(code, message)) {
      throw new TypeError(`oss-preflight: "${code}: ${message}" is not in schemas/errors.json`);
    }
    this.name = 'OssError';
    this.code = code;
    this.status = statusOf(code);
    this.details = details;
    this.ec = ec;
  }

  /** Looks up an extra element such as ArgumentName. */
  detail(element: string): string | undefined {
    return this.details.find(([name]) => name === element)?.[1];
  }
}

export function ossError(code: string, message: string, details?: OssErrorDetails, ec?: string): OssError {
  return new OssError(code, message, details, ec);
}

/** `InvalidArgument` with the ArgumentName/ArgumentValue pair OSS adds to most of them. */
export function invalidArgument(message: string, name?: string, value?: string): OssError {
  const details: [string, string][] = [];
  if (name !== undefined) details.push(['ArgumentName', name]);
  if (value !== undefined) details.push(['ArgumentValue', value]);
  return new OssError('InvalidArgument', message, details);
}

export function isOssError(value: unknown): value is OssError {
  return value instanceof OssError;
}
