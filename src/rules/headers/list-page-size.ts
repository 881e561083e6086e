import { defineRule } from '../../core/rule';
import { parseDecimal } from '../shared';
import { invalidListParameter, LIST_INVALID } from './list-parameters';

/** The page-size parameter of each listing and its documented maximum. */
const PAGE_SIZES: Readonly<Record<string, readonly [name: string, max: number]>> = {
  ListBuckets: ['max-keys', 1000],
  ListObjects: ['max-keys', 1000],
  ListObjectVersions: ['max-keys', 1000],
  ListMultipartUploads: ['max-uploads', 1000],
  ListParts: ['max-parts', 1000],
  ListLiveChannel: ['max-keys', 1000],
};

export const listPageSize = defineRule({
  id: 'list-page-size',
  family: 'headers',
  operations: Object.keys(PAGE_SIZES),
  errors: [LIST_INVALID],
  source:
    'GetBucket (ListObjects), ListObjectsV2, ListBuckets (GetService) API references (max-keys 1 to 1000) ; ' +
    'GetBucketVersions (ListObjectVersions) API reference, error table (InvalidArgument when max-keys is below 0 or ' +
    'above 1000) ; ListMultipartUploads (max-uploads, maximum 1000) and ListParts (max-parts, maximum 1000) API ' +
    'references ; ListLiveChannel API reference (max-keys cannot exceed 1,000). The message is undocumented: the generic one of seed 002 with ArgumentName/ArgumentValue (R). ' +
    'Accepted where the documents disagree: 0 (ListObjectVersions only refuses values below 0), an empty value ' +
    '(treated as absent), surrounding blanks, a leading + and leading zeros. Refused: text that is not a decimal ' +
    'integer, and values above the maximum.',
  check: (request) => {
    const [name, max] = PAGE_SIZES[request.operation] ?? [];
    if (name === undefined || max === undefined) return undefined;
    const value = request.query.get(name);
    if (value === undefined || value.trim() === '') return undefined;
    const count = parseDecimal(value);
    return count !== undefined && count <= max ? undefined : invalidListParameter(name, value);
  },
});
