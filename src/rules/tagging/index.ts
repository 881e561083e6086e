import type { Rule } from '../../core/rule';
import { bucketTagsDocument } from './bucket-tags-document';
import { objectTaggingDocument } from './object-tagging-document';
import { objectTaggingHeader } from './object-tagging-header';

export { taggingHeaderError } from './object-tagging-header';

export const taggingRules: readonly Rule[] = [objectTaggingHeader, objectTaggingDocument, bucketTagsDocument];
