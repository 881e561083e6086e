import { type OssError, ossError } from '../../core/oss-error';

export const MALFORMED_XML_MESSAGE =
  'The XML you provided was not well-formed or did not validate against our published schema.';

export function malformedXml(): OssError {
  return ossError('MalformedXML', MALFORMED_XML_MESSAGE);
}
