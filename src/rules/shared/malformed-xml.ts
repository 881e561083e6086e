import { type OssError, ossError } from '../../core/oss-error';

export const MALFORMED_XML_MESSAGE = 'MalformedXML.notWellFormed';

export function malformedXml(): OssError {
  return ossError(MALFORMED_XML_MESSAGE);
}
