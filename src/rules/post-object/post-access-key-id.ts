import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { postAccessKeyId, postAuthOf } from './post-auth';

export const ACCESS_KEY_CHARACTERS = 'InvalidAccessKeyId.characters';
const ACCEPTABLE = /^[0-9A-Za-z._=]+$/;

export const postAccessKeyIdCharacters = defineRule({
  id: 'post-access-key-id',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [ACCESS_KEY_CHARACTERS],
  source:
    'seed 000 (InvalidAccessKeyId, the accepted characters are spelled out in the message) ; EC 0002-00000708 ' +
    '(an AccessKeyId with a tab in x-oss-credential).',
  check: (request) => {
    if (request.form === undefined) return undefined;
    const auth = postAuthOf(request.form);
    const accessKeyId = postAccessKeyId(auth);
    if (accessKeyId === undefined || ACCEPTABLE.test(accessKeyId)) return undefined;
    return ossError(ACCESS_KEY_CHARACTERS, [], auth.kind === 'v4' ? '0002-00000708' : undefined);
  },
});
