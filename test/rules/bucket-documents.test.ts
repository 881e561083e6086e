import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { type RunningGateway, send, startGateway, xmlTag } from '../helpers/gateway-harness';

// Bucket documents beyond well-formedness (issue 11 part 4): each value, valid and invalid.

const core = createPreflight({ families: ['bucket-config'] });
function check(url: string, xml: string, method = 'PUT'): string {
  const parsed = core.parse({ method, url, headers: { host: 'h' } });
  const error = core.check({ ...parsed, body: Buffer.from(xml) }, {}, 'body');
  return error ? `${error.code}${error.ec ? ` (${error.ec})` : ''}` : 'ok';
}
const M = 'MalformedXML';

describe('PutBucketCors values', () => {
  const cors = (rule: string, extra = '') =>
    check(
      '/example-bucket/?cors',
      `<CORSConfiguration><CORSRule>${rule}</CORSRule>${extra}</CORSConfiguration>`,
    );
  const base = '<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>';

  it.each([
    [base, 'ok'],
    [
      '<AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>head</AllowedMethod>',
      'ok',
    ],
    [
      `${base}<AllowedHeader>*</AllowedHeader><AllowedHeader>x-oss-*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>100</MaxAgeSeconds>`,
      'ok',
    ],
    [`${base}<MaxAgeSeconds>0</MaxAgeSeconds>`, 'ok'],
    ['<AllowedMethod>GET</AllowedMethod>', M],
    ['<AllowedOrigin>*</AllowedOrigin>', M],
    ['<AllowedOrigin></AllowedOrigin><AllowedMethod>GET</AllowedMethod>', 'ok'],
    ['<AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod>', M],
    ['<AllowedOrigin>*</AllowedOrigin><AllowedMethod>OPTIONS</AllowedMethod>', M],
    ['<AllowedOrigin>https://*.*.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>', M],
    [`${base}<AllowedHeader>x-*-*</AllowedHeader>`, M],
    [`${base}<ExposeHeader>*</ExposeHeader>`, M],
    [`${base}<ExposeHeader>x-oss-*</ExposeHeader>`, M],
    [`${base}<MaxAgeSeconds>1</MaxAgeSeconds><MaxAgeSeconds>2</MaxAgeSeconds>`, M],
    [`${base}<MaxAgeSeconds>soon</MaxAgeSeconds>`, M],
  ])('%s → %s', (rule, expected) => {
    expect(cors(rule)).toBe(expected);
  });

  it('needs a rule, takes ResponseVary true/false, and at most 16 KB', () => {
    expect(
      check(
        '/example-bucket/?cors',
        '<CORSConfiguration><ResponseVary>false</ResponseVary></CORSConfiguration>',
      ),
    ).toBe(M);
    expect(cors(base, '<ResponseVary>true</ResponseVary>')).toBe('ok');
    expect(cors(base, '<ResponseVary>maybe</ResponseVary>')).toBe(M);
    const pad = (n: number) =>
      `<CORSConfiguration><CORSRule>${base}</CORSRule>${' '.repeat(n)}</CORSConfiguration>`;
    const size = pad(0).length;
    expect(check('/example-bucket/?cors', pad(16 * 1024 - size))).toBe('ok');
    expect(check('/example-bucket/?cors', pad(16 * 1024 - size + 1))).toBe(M);
  });
});

describe('PutBucketReferer', () => {
  const referer = (inner: string) =>
    check('/example-bucket/?referer', `<RefererConfiguration>${inner}</RefererConfiguration>`);
  it.each([
    ['<AllowEmptyReferer>true</AllowEmptyReferer><RefererList/>', 'ok'],
    [
      '<AllowEmptyReferer>false</AllowEmptyReferer><AllowTruncateQueryString>true</AllowTruncateQueryString><RefererList><Referer>http://*.example.com</Referer></RefererList>',
      'ok',
    ],
    ['<RefererList><Referer>http://a.com</Referer></RefererList>', M],
    ['<AllowEmptyReferer>yes</AllowEmptyReferer>', M],
    ['<AllowEmptyReferer></AllowEmptyReferer>', M],
    ['<AllowEmptyReferer>true</AllowEmptyReferer><AllowTruncateQueryString>1</AllowTruncateQueryString>', M],
  ])('%s → %s', (inner, expected) => {
    expect(referer(inner)).toBe(expected);
  });
});

describe('PutBucketWebsite and PutBucketLogging', () => {
  const website = (inner: string) =>
    check('/example-bucket/?website', `<WebsiteConfiguration>${inner}</WebsiteConfiguration>`);
  it.each([
    [
      '<IndexDocument><Suffix>index.html</Suffix><SupportSubDir>true</SupportSubDir></IndexDocument><ErrorDocument><Key>404.html</Key></ErrorDocument>',
      'ok',
    ],
    ['<IndexDocument><Suffix></Suffix></IndexDocument>', M],
    ['<IndexDocument><Suffix>index.html</Suffix><SupportSubDir>maybe</SupportSubDir></IndexDocument>', M],
    ['<ErrorDocument><HttpStatus>404</HttpStatus></ErrorDocument>', M],
  ])('website %s → %s', (inner, expected) => {
    expect(website(inner)).toBe(expected);
  });

  it.each([
    ['', 'ok'],
    [
      '<LoggingEnabled><TargetBucket>doc-log</TargetBucket><TargetPrefix>MyLog-</TargetPrefix></LoggingEnabled>',
      'ok',
    ],
    [
      '<LoggingEnabled><TargetBucket>doc-log</TargetBucket><TargetPrefix></TargetPrefix></LoggingEnabled>',
      'ok',
    ],
    ['<LoggingEnabled><TargetPrefix>MyLog-</TargetPrefix></LoggingEnabled>', M],
    ['<LoggingEnabled><TargetBucket> </TargetBucket></LoggingEnabled>', M],
  ])('logging %s → %s', (inner, expected) => {
    expect(check('/example-bucket/?logging', `<BucketLoggingStatus>${inner}</BucketLoggingStatus>`)).toBe(
      expected,
    );
  });
});

describe('PutBucketInventory', () => {
  const destination = (over: Record<string, string | undefined> = {}) => {
    const fields: Record<string, string | undefined> = {
      Format: 'CSV',
      AccountId: '100000000000000',
      RoleArn: 'acs:ram::100000000000000:role/AliyunOSSRole',
      Bucket: 'acs:oss:::bucket_0001',
      Prefix: 'prefix1',
      ...over,
    };
    return `<Destination><OSSBucketDestination>${Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${v}</${k}>`)
      .join('')}</OSSBucketDestination></Destination>`;
  };
  const inventory = (over: { [k: string]: string | undefined } = {}, dest = destination()) => {
    const parts: Record<string, string | undefined> = {
      Id: '<Id>report1</Id>',
      IsEnabled: '<IsEnabled>true</IsEnabled>',
      Destination: dest,
      Schedule: '<Schedule><Frequency>Daily</Frequency></Schedule>',
      IncludedObjectVersions: '<IncludedObjectVersions>All</IncludedObjectVersions>',
      OptionalFields: '<OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields>',
      ...over,
    };
    return check(
      '/example-bucket/?inventory&inventoryId=report1',
      `<InventoryConfiguration>${Object.values(parts).filter(Boolean).join('')}</InventoryConfiguration>`,
    );
  };
  const I = 'InvalidArgument';

  it.each([
    [{}, 'ok'],
    [
      {
        IsEnabled: '<IsEnabled>false</IsEnabled>',
        Schedule: '<Schedule><Frequency>Weekly</Frequency></Schedule>',
      },
      'ok',
    ],
    [
      {
        IncludedObjectVersions: '<IncludedObjectVersions>Current</IncludedObjectVersions>',
        OptionalFields: undefined,
      },
      'ok',
    ],
    [
      {
        OptionalFields: '<OptionalFields><Field>TransitionTime</Field><Field>Crc64</Field></OptionalFields>',
      },
      'ok',
    ],
    [{ Id: undefined }, I],
    [{ IsEnabled: '<IsEnabled>on</IsEnabled>' }, I],
    [{ IsEnabled: undefined }, I],
    [{ Schedule: '<Schedule><Frequency>Monthly</Frequency></Schedule>' }, I],
    [{ Schedule: undefined }, I],
    [{ IncludedObjectVersions: '<IncludedObjectVersions>Latest</IncludedObjectVersions>' }, I],
    [{ IncludedObjectVersions: undefined }, I],
    [{ OptionalFields: '<OptionalFields><Field>Owner</Field></OptionalFields>' }, I],
  ])('%j → %s', (over, expected) => {
    expect(inventory(over as Record<string, string | undefined>)).toBe(expected);
  });

  it.each([
    [{ Format: 'ORC' }, I],
    [{ Format: undefined }, I],
    [{ AccountId: undefined }, I],
    [{ RoleArn: 'AliyunOSSRole' }, I],
    [{ Bucket: 'destination-bucket' }, I],
    [{ Prefix: undefined }, 'ok'],
  ])('destination %j → %s', (over, expected) => {
    expect(inventory({}, destination(over))).toBe(expected);
  });
});

describe('request payment, transfer acceleration, HTTPS, encryption, CreateBucketConfiguration', () => {
  it.each([
    [
      '/example-bucket/?requestPayment',
      '<RequestPaymentConfiguration><Payer>Requester</Payer></RequestPaymentConfiguration>',
      'ok',
    ],
    [
      '/example-bucket/?requestPayment',
      '<RequestPaymentConfiguration><Payer>BucketOwner</Payer></RequestPaymentConfiguration>',
      'ok',
    ],
    [
      '/example-bucket/?requestPayment',
      '<RequestPaymentConfiguration><Payer>Anyone</Payer></RequestPaymentConfiguration>',
      M,
    ],
    ['/example-bucket/?requestPayment', '<RequestPaymentConfiguration/>', M],
    [
      '/example-bucket/?transferAcceleration',
      '<TransferAccelerationConfiguration><Enabled>true</Enabled></TransferAccelerationConfiguration>',
      'ok',
    ],
    [
      '/example-bucket/?transferAcceleration',
      '<TransferAccelerationConfiguration><Enabled>on</Enabled></TransferAccelerationConfiguration>',
      M,
    ],
    ['/example-bucket/?transferAcceleration', '<Other/>', M],
    [
      '/example-bucket/?httpsConfig',
      '<HttpsConfiguration><TLS><Enable>true</Enable><TLSVersion>TLSv1.2</TLSVersion><TLSVersion>TLSv1.3</TLSVersion></TLS></HttpsConfiguration>',
      'ok',
    ],
    [
      '/example-bucket/?httpsConfig',
      '<HttpsConfiguration><TLS><Enable>false</Enable></TLS></HttpsConfiguration>',
      'ok',
    ],
    [
      '/example-bucket/?httpsConfig',
      '<HttpsConfiguration><TLS><Enable>true</Enable></TLS></HttpsConfiguration>',
      M,
    ],
    [
      '/example-bucket/?httpsConfig',
      '<HttpsConfiguration><TLS><Enable>true</Enable><TLSVersion>SSLv3</TLSVersion></TLS></HttpsConfiguration>',
      M,
    ],
    [
      '/example-bucket/?httpsConfig',
      '<HttpsConfiguration><TLS><Enable>yes</Enable></TLS></HttpsConfiguration>',
      M,
    ],
  ])('%s %s → %s', (url, xml, expected) => {
    expect(check(url, xml)).toBe(expected);
  });

  const sse = (algorithm?: string, data?: string) =>
    check(
      '/example-bucket/?encryption',
      `<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault>${
        algorithm === undefined ? '' : `<SSEAlgorithm>${algorithm}</SSEAlgorithm>`
      }${data === undefined ? '' : `<KMSDataEncryption>${data}</KMSDataEncryption>`}</ApplyServerSideEncryptionByDefault></ServerSideEncryptionRule>`,
    );
  it.each([
    ['KMS', undefined, 'ok'],
    ['KMS', 'SM4', 'ok'],
    ['AES256', undefined, 'ok'],
    ['SM4', undefined, 'ok'],
    ['AES256', 'SM4', 'ok'],
    ['DES', undefined, 'InvalidEncryptionAlgorithmError (0005-00000003)'],
    ['', undefined, 'InvalidEncryptionAlgorithmError (0005-00000003)'],
    [undefined, undefined, M],
    ['KMS', 'AES256', 'InvalidDataEncryptionAlgorithmError'],
  ])('SSEAlgorithm %s, KMSDataEncryption %s → %s', (algorithm, data, expected) => {
    expect(sse(algorithm, data)).toBe(expected);
  });

  it.each([
    ['LRS', 'ok'],
    ['ZRS', 'ok'],
    ['zrs', 'ok'],
    ['', 'ok'],
    ['GRS', 'InvalidArgument'],
  ])('DataRedundancyType %j → %s', (type, expected) => {
    expect(
      check(
        '/example-bucket/',
        `<CreateBucketConfiguration><StorageClass>Standard</StorageClass><DataRedundancyType>${type}</DataRedundancyType></CreateBucketConfiguration>`,
      ),
    ).toBe(expected);
  });
});

describe('bucket documents through the gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it.each([
    [
      '/example-bucket/?cors',
      '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>',
    ],
    [
      '/example-bucket/?lifecycle',
      '<LifecycleConfiguration><Rule><Prefix>a/</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition><Expiration><Days>31</Days></Expiration></Rule></LifecycleConfiguration>',
    ],
    [
      '/example-bucket/?requestPayment',
      '<RequestPaymentConfiguration><Payer>Requester</Payer></RequestPaymentConfiguration>',
    ],
  ])('a valid %s document is forwarded unchanged and signed', async (path, xml) => {
    const res = await send(gw.port, 'PUT', path, {}, xml);
    expect(res.status).toBe(200);
    const forwarded = gw.upstream.requests.at(-1);
    expect(forwarded?.body.toString()).toBe(xml);
    expect(forwarded?.signatureProblem).toBeNull();
  });

  it.each([
    [
      '/example-bucket/?cors',
      '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>',
      'MalformedXML',
    ],
    [
      '/example-bucket/?lifecycle',
      '<LifecycleConfiguration><Rule><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>Standard</StorageClass></Transition></Rule></LifecycleConfiguration>',
      'InvalidArgument',
    ],
    [
      '/example-bucket/?inventory&inventoryId=r',
      '<InventoryConfiguration><Id>r</Id></InventoryConfiguration>',
      'InvalidArgument',
    ],
  ])('an invalid %s document is refused and not forwarded', async (path, xml, code) => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'PUT', path, {}, xml);
    expect(res.status).toBe(400);
    expect(xmlTag(res.body, 'Code')).toBe(code);
    expect(gw.upstream.requests.length).toBe(before);
  });
});
