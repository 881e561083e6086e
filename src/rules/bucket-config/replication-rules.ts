import type { OssRequest } from '../../core/request';
import { children, type XmlElement } from '../../core/xml';
import { hasRoot, parsedBody } from '../shared';

/** The <Rule> elements of a well-formed PutBucketReplication document, or none. */
export function replicationRules(request: OssRequest): XmlElement[] {
  const document = parsedBody(request);
  if (!document || !hasRoot(document, 'ReplicationConfiguration')) return [];
  return children(document.element, 'Rule');
}

/** One rule per bucket; within it at most 10 prefixes and 10 filter tags (seed 002). */
export const MAX_REPLICATION_RULES = 1;
export const MAX_REPLICATION_PREFIXES = 10;
export const MAX_REPLICATION_TAGS = 10;
