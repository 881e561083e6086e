import { ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';
import { children, type XmlElement } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared/malformed-xml';
import { hasRoot, parsedBody } from '../shared/parsed-body';

const REQUEST_ELEMENTS = new Set(['Days', 'JobParameters']);
const JOB_ELEMENTS = new Set(['Tier']);

/** A RestoreObject body with nothing in it: OSS restores with its defaults (RestoreObject reference). */
export function isEmptyRestoreBody(request: OssRequest): boolean {
  return request.body === undefined || request.body.toString('utf8').trim() === '';
}

/** The <RestoreRequest> of a well-formed, non-empty RestoreObject body, or undefined. */
export function restoreRequest(request: OssRequest): XmlElement | undefined {
  if (isEmptyRestoreBody(request)) return undefined;
  const document = parsedBody(request);
  return document && hasRoot(document, 'RestoreRequest') ? document.element : undefined;
}

function childNames(element: XmlElement): string[] {
  return Object.keys(element).filter((name) => name !== '#text');
}

/** Unknown or repeated children, against the names the schema allows. */
function outsideSchema(element: XmlElement, allowed: ReadonlySet<string>): boolean {
  return childNames(element).some((name) => !allowed.has(name) || children(element, name).length > 1);
}

export const restoreDocument = defineRule({
  id: 'restore-document',
  family: 'multipart',
  operations: ['RestoreObject'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'RestoreObject API reference (optional body <RestoreRequest><Days/><JobParameters><Tier/></JobParameters>' +
    '</RestoreRequest>; without one, an Archive object is restored with the defaults) ; EC 0016-00000714 (an ' +
    'unknown node in RestoreRequest: MalformedXML with this message). A body that is not XML, another root, a ' +
    'repeated element, or an unknown one inside JobParameters get the same answer (R). An empty body, or one of ' +
    'blanks only, is accepted: whether the object needs a document depends on its storage class (server state).',
  check: (request) => {
    if (isEmptyRestoreBody(request)) return undefined;
    const document = parsedBody(request);
    if (document === undefined) return undefined;
    if (document === null || !hasRoot(document, 'RestoreRequest')) return malformedXml();
    const root = document.element;
    const jobs = children(root, 'JobParameters');
    if (outsideSchema(root, REQUEST_ELEMENTS) || jobs.some((job) => outsideSchema(job, JOB_ELEMENTS))) {
      return ossError(MALFORMED_XML_MESSAGE, [], '0016-00000714');
    }
    return undefined;
  },
});
