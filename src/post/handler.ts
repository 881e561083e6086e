import type * as http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rejectUnknownOptions } from '../core/options';
import type { Preflight, PreflightOptions } from '../preflight/create-preflight';
import type { KeyProvider, UnknownKeys } from '../preflight/credentials';
import type { Credentials } from '../signing/types';
import { PostInternalError } from './errors';
import type { PostLimits } from './limits';
import { postObject } from './middleware';
import { type OssUploadInfo, ossStorage } from './oss-storage';
import { relayUpstream, sendPostError } from './respond';

export type PostObjectHandlerOptions = {
  /** The OSS endpoint the form is sent on to (`https://oss-cn-hangzhou.aliyuncs.com`). */
  readonly endpoint: string | URL;
  /**
   * Keys whose form signatures are verified: one key, a list, or a lookup by AccessKeyId
   * (default: `credentials`, as for the gateway).
   */
  readonly knownKeys?: KeyProvider;
  /** The key that signs `upload: 'put'` and the cleanup DeleteObject. */
  readonly credentials?: Credentials | undefined;
  /** A form signed by a key `knownKeys` does not know: `reject` (default) or `forward` unverified. */
  readonly unknownKeys?: UnknownKeys;
  /** The bucket's region: V4 credentials scoped elsewhere are refused, and PutObject is signed for it. */
  readonly region?: string;
  /** `post` (default): the form goes on as a PostObject. `put`: the file is stored with a signed PutObject. */
  readonly upload?: 'post' | 'put';
  readonly preflight?: PreflightOptions | Preflight;
  /** Default `auto`: small bodies are drained before the error is sent, large or chunked ones are cut off. */
  readonly onReject?: 'drain' | 'close' | 'auto';
  readonly limits?: PostLimits;
  readonly now?: () => number;
  readonly agent?: http.Agent;
};

const OPTION_NAMES = [
  'endpoint',
  'knownKeys',
  'credentials',
  'unknownKeys',
  'region',
  'upload',
  'preflight',
  'onReject',
  'limits',
  'now',
  'agent',
] as const;

type WithUpload = IncomingMessage & { file?: Partial<OssUploadInfo> };

/**
 * The whole PostObject route as a plain `(req, res)` handler: validate the form, stream the file
 * on to OSS, and relay OSS's answer (status, headers, body) to the client. Every rejection is
 * answered with OSS's own error; an upstream error is relayed unchanged.
 */
export function createPostObjectHandler(
  options: PostObjectHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const factory = 'createPostObjectHandler()';
  rejectUnknownOptions(factory, options, OPTION_NAMES);
  const signing = options.credentials;
  const storage = ossStorage({
    endpoint: options.endpoint,
    upload: options.upload ?? 'post',
    ...(signing ? { credentials: signing } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.agent !== undefined ? { agent: options.agent } : {}),
  });
  const middleware = postObject({
    storage,
    onReject: options.onReject ?? 'auto',
    ...(options.knownKeys !== undefined
      ? { knownKeys: options.knownKeys }
      : signing
        ? { knownKeys: signing }
        : {}),
    ...(options.unknownKeys !== undefined ? { unknownKeys: options.unknownKeys } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.preflight !== undefined ? { preflight: options.preflight } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });

  return (req, res) => {
    middleware(req, res, (error?: unknown) => {
      const upstream = (req as WithUpload).file?.upstream;
      if (res.headersSent || res.writableEnded) {
        upstream?.body.resume();
        return;
      }
      if (error !== undefined) sendPostError(req, res, error);
      else if (upstream !== undefined) relayUpstream(upstream, res);
      // Only a request that is not a PostObject gets here: a routing mistake, not the client's fault.
      else
        sendPostError(
          req,
          res,
          new PostInternalError('createPostObjectHandler() received a request that is not PostObject'),
        );
    });
  };
}
