import { type OssError, ossError } from '../core/oss-error';
import type { Rate } from './options';
import type { OperationClass } from './types';

// OSS's own answers for its own limits (503 error page; the download message repeats the upload
// text there, and is kept verbatim).
export function limitError(rate: Rate, operationClass: OperationClass): OssError {
  if (rate === 'uploadBytesPerSecond') {
    return ossError('UploadTrafficRateLimitExceeded.reduceTraffic');
  }
  if (rate === 'downloadBytesPerSecond') {
    return ossError('DownloadTrafficRateLimitExceeded.reduceTraffic');
  }
  // The page names a QPS code for meta operations only; for the others OSS's general QPS answer.
  return operationClass === 'meta'
    ? ossError('MetaOperationQpsLimitExceeded.qpsLimitMetaOperationExceeded')
    : ossError('TotalQpsLimitExceeded.maxTotalQpsLimitExceeded');
}

/**
 * A store that cannot decide, with `failOpen: false`: OSS's "retry later" answer. Not a limit code,
 * since the client exceeded nothing; a 503 every OSS SDK already retries with backoff.
 */
export function storeDownError(): OssError {
  return ossError('ServiceUnavailable.threadPoolAlmostFullPlease');
}
