import { escapeXml } from '../core/render';
import type { ErrorDetails } from './dev-error';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

type Element = readonly [name: string, value: string | number | boolean];

// OSS's listing and PostResponse bodies write the quotes around ETags as &quot;.
function escapeListingText(text: string): string {
  return escapeXml(text).replaceAll('"', '&quot;');
}

function elements(items: readonly Element[], indent: string): string[] {
  return items.map(([name, value]) => `${indent}<${name}>${escapeListingText(String(value))}</${name}>`);
}

export function errorXml(
  error: { code: string; message: string; details: ErrorDetails },
  context: { requestId: string; hostId: string },
): string {
  return [
    XML_DECLARATION,
    '<Error>',
    ...elements(
      [
        ['Code', error.code],
        ['Message', error.message],
        ['RequestId', context.requestId],
        ['HostId', context.hostId],
        ...error.details,
      ],
      '  ',
    ),
    '</Error>',
    '',
  ].join('\n');
}

export function postResponseXml(fields: {
  bucket: string;
  location: string;
  key: string;
  etag: string;
}): string {
  return [
    XML_DECLARATION,
    '<PostResponse>',
    ...elements(
      [
        ['Bucket', fields.bucket],
        ['Location', fields.location],
        ['Key', fields.key],
        ['ETag', fields.etag],
      ],
      '  ',
    ),
    '</PostResponse>',
    '',
  ].join('\n');
}

export type ListedObject = { key: string; size: number; etag: string; lastModified: string };

export type ListBucketResult = {
  bucket: string;
  prefix: string;
  marker: string;
  maxKeys: number;
  delimiter: string;
  encodingType: string | undefined;
  isTruncated: boolean;
  nextMarker: string | undefined;
  contents: readonly ListedObject[];
  commonPrefixes: readonly string[];
};

export function listBucketResultXml(result: ListBucketResult): string {
  const encode = result.encodingType === 'url' ? encodeURIComponent : (text: string) => text;
  const header: Element[] = [
    ['Name', result.bucket],
    ['Prefix', encode(result.prefix)],
    ['Marker', encode(result.marker)],
    ['MaxKeys', result.maxKeys],
    ['Delimiter', encode(result.delimiter)],
  ];
  if (result.encodingType) header.push(['EncodingType', result.encodingType]);
  header.push(['IsTruncated', result.isTruncated]);
  if (result.nextMarker !== undefined) header.push(['NextMarker', encode(result.nextMarker)]);
  const lines = [XML_DECLARATION, '<ListBucketResult>', ...elements(header, '  ')];
  for (const object of result.contents) {
    lines.push(
      '  <Contents>',
      ...elements(
        [
          ['Key', encode(object.key)],
          ['LastModified', object.lastModified],
          ['ETag', object.etag],
          ['Type', 'Normal'],
          ['Size', object.size],
          ['StorageClass', 'Standard'],
        ],
        '    ',
      ),
      '  </Contents>',
    );
  }
  for (const prefix of result.commonPrefixes) {
    lines.push(
      '  <CommonPrefixes>',
      ...elements([['Prefix', encode(prefix)]], '    '),
      '  </CommonPrefixes>',
    );
  }
  lines.push('</ListBucketResult>', '');
  return lines.join('\n');
}
