import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { parsePostCredential, postAuthOf } from './post-auth';

export const PARAMETER_INVALID = 'InvalidArgument.parameterInvalidDotted';

export const postV4Credential = defineRule({
  id: 'post-v4-credential',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [PARAMETER_INVALID],
  source:
    'POST V4 signature doc (x-oss-credential = <AccessKeyId>/<YYYYMMDD>/<region>/oss/aliyun_v4_request) ; EC ' +
    '0002-00000709/710 (bad date, bad terminator: code and message undocumented). Decision: the generic seed ' +
    'InvalidArgument with ArgumentName/ArgumentValue, as OSS adds them to its other credential errors (EC 0002-00000715). ' +
    'Product oss-cloudbox is accepted for CloudBox buckets. The region is checked by the POST handler, which knows it.',
  check: (request) => {
    if (request.form === undefined) return undefined;
    const auth = postAuthOf(request.form);
    if (auth.kind !== 'v4' || auth.credential === undefined || parsePostCredential(auth.credential))
      return undefined;
    return ossError(
      PARAMETER_INVALID,
      [
        ['ArgumentName', 'x-oss-credential'],
        ['ArgumentValue', auth.credential],
      ],
      '0002-00000710',
    );
  },
});
