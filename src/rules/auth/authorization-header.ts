import { defineRule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';
import {
  AK_CHARACTERS,
  AUTH_EMPTY,
  AUTH_INVALID,
  AUTH_ITEMS,
  AUTH_MISSING,
  AUTH_UNKNOWN,
  BAD_PRODUCT,
  BAD_REGION,
} from './authorization';
import { requestAuth } from './verify-parse';

export const authorizationHeader = defineRule({
  id: 'authorization-header',
  family: 'auth',
  operations: 'all',
  errors: [
    AUTH_EMPTY,
    AUTH_ITEMS,
    AUTH_INVALID,
    AUTH_UNKNOWN,
    AUTH_MISSING,
    BAD_PRODUCT,
    BAD_REGION,
    AK_CHARACTERS,
  ],
  source:
    'seed 002 (InvalidArgument: the five Authorization header messages); seed 000 (InvalidAccessKeyId characters); research oss-rules-post-sign.md §2.1 S9, §2.3 V1-V2 (EC 0002-00000202/203/205/212/213/227/228); which malformation gets which message is reconstructed (R): no items after the scheme or a wrong count = "bad num of Items", an AccessKeyId, Signature or Credential that is absent or empty = "missing", a V4 item that is not Credential/AdditionalHeaders/Signature = "Unknown parameter", any other shape or an unknown scheme = "invalid"; the S3-compatible AWS schemes are left to OSS. V2 (OSS2 AccessKeyId:…,AdditionalHeaders:…,Signature:…; python SDK SignV2 specification) takes the same messages for the same faults; a V2 header without AccessKeyId carries EC 0002-00000105, and an empty name in AdditionalHeaders (https://www.alibabacloud.com/help/doc-detail/475408.html) is "invalid" (R)',
  inputs: AUTH_INPUTS,
  check: (request) => {
    const auth = requestAuth(request);
    return auth.kind === 'invalid' && auth.stage === 'header' ? auth.error : undefined;
  },
});
