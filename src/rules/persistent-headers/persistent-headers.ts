import { defineRule } from '../../core/rule';
import { persistentHeaderErrors, persistentHeadersError } from './persistent-header-list';

const FIELD = 'x-oss-persistent-headers';

/** PostObject form field names are case-insensitive per the PostObject reference. */
function formField(form: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!form) return undefined;
  for (const [name, value] of Object.entries(form)) if (name.toLowerCase() === FIELD) return value;
  return undefined;
}

export const persistentHeaders = defineRule({
  id: 'persistent-headers',
  family: 'persistent-headers',
  // GetObject is not a documented carrier: it is here because the project's conformance cases
  // (persistent-headers-*) send the header on a GET and expect OSS's errors. HeadObject is not
  // listed: nothing shows OSS checking the header there.
  operations: [
    'PutObject',
    'CopyObject',
    'AppendObject',
    'CompleteMultipartUpload',
    'PostObject',
    'GetObject',
  ],
  errors: persistentHeaderErrors,
  source:
    'seed 002 (the seven InvalidArgument persistent-header messages, reserved examples Host, Content-MD5, Origin, Range; ' +
    'RFC 7230 tokens) ; https://developer.aliyun.com/article/499171 (format, carriers: PutObject, CopyObject, AppendObject, ' +
    'CompleteMultipartUpload, PostObject form field) ; research oss-rules-headers.md §3 P1-P7 ; conformance cases ' +
    'persistent-headers-* (GET). Uncertain (R): split rule, check order, the reserved list beyond the four examples, ' +
    'GetObject, unpadded base64 accepted, PostObject form values are not compared with request headers; decoded values ' +
    'holding any other character RFC 9110 §5.5 forbids in a field value (NUL, VT, FF, DEL, other controls; HTAB allowed) ' +
    'get the CR/LF message, OSS documenting none of its own for them',
  inputs: { headers: [FIELD] },
  check: (request) => {
    if (request.operation === 'PostObject') {
      const field = formField(request.form);
      return field === undefined ? undefined : persistentHeadersError(field);
    }
    const header = request.headers[FIELD];
    return header === undefined ? undefined : persistentHeadersError(header, request.headers);
  },
});
