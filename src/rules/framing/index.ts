import type { Rule } from '../../core/rule';
import { contentLengthFormat } from './content-length-format';
import { httpMethod } from './http-method';
import { missingContentLength } from './missing-content-length';
import { requestTarget } from './request-target';
import { uploadSizeLimit } from './upload-size-limit';

/** The request as a whole: its method, its target, its length. Checked before anything else. */
export const framingRules: readonly Rule[] = [
  httpMethod,
  requestTarget,
  contentLengthFormat,
  missingContentLength,
  uploadSizeLimit,
];
