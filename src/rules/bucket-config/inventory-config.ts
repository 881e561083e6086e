import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText, textOf, type XmlElement } from '../../core/xml';
import { childOutside, configRoot, isBooleanText } from './config-value';

const INVALID = 'InvalidArgument.parameterInvalidDotted';
/** The 2021 reference's six fields and those later references add; another name is refused. */
const FIELDS = [
  'Size',
  'LastModifiedDate',
  'ETag',
  'StorageClass',
  'IsMultipartUploaded',
  'EncryptionStatus',
  'TransitionTime',
  'TaggingCount',
  'ObjectType',
  'ObjectAcl',
  'Crc64',
];

function destinationProblem(destination: XmlElement | undefined): boolean {
  const bucket = destination === undefined ? undefined : children(destination, 'OSSBucketDestination')[0];
  if (bucket === undefined) return true;
  if (childOutside(bucket, 'Format', ['CSV']) || childText(bucket, 'Format') === undefined) return true;
  for (const name of ['AccountId', 'RoleArn', 'Bucket']) {
    if ((childText(bucket, name) ?? '').trim() === '') return true;
  }
  if (!(childText(bucket, 'Bucket') ?? '').trim().startsWith('acs:oss:::')) return true;
  return !(childText(bucket, 'RoleArn') ?? '').trim().startsWith('acs:ram::');
}

export const inventoryConfig = defineRule({
  id: 'inventory-config',
  family: 'bucket-config',
  operations: ['PutBucketInventory'],
  phase: 'body',
  errors: [INVALID],
  source:
    'PutBucketInventory API reference: Id, IsEnabled (true/false), Destination/OSSBucketDestination (Format CSV, ' +
    'AccountId, RoleArn acs:ram::uid:role/name, Bucket acs:oss:::name), Schedule/Frequency (Daily, Weekly) and ' +
    'IncludedObjectVersions (All, Current) are required; OptionalFields/Field names the columns; its error table ' +
    'answers InvalidArgument "because the input parameter is invalid" (message undocumented: the generic seed 002 ' +
    'one, R). Field names of later references (TransitionTime, TaggingCount, ObjectType, ObjectAcl, Crc64) are ' +
    'accepted too. Whether the role, account and destination bucket exist is server state: left to OSS.',
  check: (request) => {
    const config = configRoot(request, 'InventoryConfiguration');
    if (config === undefined) return undefined;
    if ((childText(config, 'Id') ?? '').trim() === '') return invalidArgument(INVALID);
    const enabled = childText(config, 'IsEnabled');
    if (enabled === undefined || !isBooleanText(enabled)) return invalidArgument(INVALID);
    if (destinationProblem(children(config, 'Destination')[0])) return invalidArgument(INVALID);
    const schedule = children(config, 'Schedule')[0];
    if (schedule === undefined || childText(schedule, 'Frequency') === undefined)
      return invalidArgument(INVALID);
    if (childOutside(schedule, 'Frequency', ['Daily', 'Weekly'])) return invalidArgument(INVALID);
    if (childText(config, 'IncludedObjectVersions') === undefined) return invalidArgument(INVALID);
    if (childOutside(config, 'IncludedObjectVersions', ['All', 'Current'])) return invalidArgument(INVALID);
    const fields = children(config, 'OptionalFields').flatMap((set) => children(set, 'Field'));
    const known = FIELDS.map((field) => field.toLowerCase());
    return fields.every((field) => known.includes(textOf(field).trim().toLowerCase()))
      ? undefined
      : invalidArgument(INVALID);
  },
});
