import { describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';

// PutBucketLifecycle (issue 11 part 3), every documented boundary valid and invalid.

const core = createPreflight({ families: ['bucket-config'] });
function check(xml: string): string {
  const parsed = core.parse({ method: 'PUT', url: '/example-bucket/?lifecycle', headers: { host: 'h' } });
  const error = core.check({ ...parsed, body: Buffer.from(xml) }, {}, 'body');
  return error ? `${error.code}${error.ec ? ` (${error.ec})` : ''}` : 'ok';
}
const config = (...rules: string[]) => `<LifecycleConfiguration>${rules.join('')}</LifecycleConfiguration>`;
const rule = (body: string, status = 'Enabled', prefix = 'logs/') =>
  `<Rule><ID>r</ID><Prefix>${prefix}</Prefix><Status>${status}</Status>${body}</Rule>`;
const days = (n: number | string) => `<Days>${n}</Days>`;
const date = (d: string) => `<CreatedBeforeDate>${d}</CreatedBeforeDate>`;
const expire = (when: string) => `<Expiration>${when}</Expiration>`;
const transition = (when: string, storageClass: string) =>
  `<Transition>${when}<StorageClass>${storageClass}</StorageClass></Transition>`;

// The reference's sample for an unversioned bucket.
const REFERENCE = `<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration>
  <Rule><ID>delete objects and parts after one day</ID><Prefix>logs/</Prefix><Status>Enabled</Status>
    <Expiration><Days>1</Days></Expiration><AbortMultipartUpload><Days>1</Days></AbortMultipartUpload></Rule>
  <Rule><ID>transit objects to IA after 30, to Archive 60, expire after 10 years</ID><Prefix>data/</Prefix>
    <Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition>
    <Transition><Days>60</Days><StorageClass>Archive</StorageClass></Transition><Expiration><Days>3600</Days></Expiration></Rule>
  <Rule><ID>transit objects to Archive after 60 days</ID><Prefix>important/</Prefix><Status>Enabled</Status>
    <Transition><Days>6</Days><StorageClass>Archive</StorageClass></Transition></Rule>
  <Rule><ID>delete created before date</ID><Prefix>backup/</Prefix><Status>Enabled</Status>
    <Expiration><CreatedBeforeDate>2017-01-01T00:00:00.000Z</CreatedBeforeDate></Expiration>
    <AbortMultipartUpload><CreatedBeforeDate>2017-01-01T00:00:00.000Z</CreatedBeforeDate></AbortMultipartUpload></Rule>
  <Rule><ID>r1</ID><Prefix>rule1</Prefix><Tag><Key>xx</Key><Value>1</Value></Tag><Tag><Key>yy</Key><Value>2</Value></Tag>
    <Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>
  <Rule><ID>r2</ID><Prefix>rule2</Prefix><Tag><Key>xx</Key><Value>1</Value></Tag><Status>Enabled</Status>
    <Transition><Days>60</Days><StorageClass>Archive</StorageClass></Transition></Rule>
</LifecycleConfiguration>`;

const VERSIONED = config(
  rule(
    '<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration><NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays></NoncurrentVersionExpiration><AbortMultipartUpload><Days>1</Days></AbortMultipartUpload>',
  ),
  rule(
    `${transition(days(30), 'IA')}<NoncurrentVersionTransition><NoncurrentDays>10</NoncurrentDays><StorageClass>IA</StorageClass></NoncurrentVersionTransition>`,
    'Enabled',
    'data/',
  ),
);

describe('lifecycle-rule-shape', () => {
  it("accepts the reference's samples (unversioned and versioned)", () => {
    expect(check(REFERENCE)).toBe('ok');
    expect(check(VERSIONED)).toBe('ok');
  });

  it('needs 1 to 1000 rules', () => {
    expect(check(config())).toBe('MalformedXML');
    expect(check(config(...Array.from({ length: 1000 }, () => rule(expire(days(1))))))).toBe('ok');
    expect(check(config(...Array.from({ length: 1001 }, () => rule(expire(days(1))))))).toBe('MalformedXML');
  });

  it.each([
    ['Enabled', 'ok'],
    ['Disabled', 'ok'],
    ['enabled', 'ok'],
    ['On', 'MalformedXML'],
  ])('Status %s → %s', (status, expected) => {
    expect(check(config(rule(expire(days(1)), status)))).toBe(expected);
  });

  it('Status is required; an ID of 255 bytes passes, 256 fails; a Tag needs Key and Value', () => {
    expect(check(config('<Rule><Prefix>a</Prefix><Expiration><Days>1</Days></Expiration></Rule>'))).toBe(
      'MalformedXML',
    );
    const withId = (id: string) =>
      config(`<Rule><ID>${id}</ID><Status>Enabled</Status>${expire(days(1))}</Rule>`);
    expect(check(withId('文'.repeat(85)))).toBe('ok');
    expect(check(withId('a'.repeat(256)))).toBe('MalformedXML');
    expect(check(config(rule(`<Tag><Key>k</Key></Tag>${expire(days(1))}`)))).toBe('MalformedXML');
    expect(check(config(rule(`<Tag><Key>k</Key><Value></Value></Tag>${expire(days(1))}`)))).toBe('ok');
  });

  it('a rule with no action is refused with EC 0014-00000026; any one action suffices', () => {
    expect(check(config(rule('')))).toBe('MalformedXML (0014-00000026)');
    expect(check(config(rule('<AbortMultipartUpload><Days>3</Days></AbortMultipartUpload>')))).toBe('ok');
    expect(
      check(
        config(
          rule(
            '<NoncurrentVersionExpiration><NoncurrentDays>3</NoncurrentDays></NoncurrentVersionExpiration>',
          ),
        ),
      ),
    ).toBe('ok');
  });

  it('overlapping prefixes are left to OSS', () => {
    expect(
      check(
        config(rule(expire(days(1)), 'Enabled', 'a/'), rule(transition(days(5), 'IA'), 'Enabled', 'a/b/')),
      ),
    ).toBe('ok');
  });
});

describe('lifecycle-action-time', () => {
  it.each([
    [expire(days(1)), 'ok'],
    [expire(days(' 3650 ')), 'ok'],
    [expire(days(0)), 'MalformedXML'],
    [expire(days(-1)), 'MalformedXML'],
    [expire(days('1.5')), 'MalformedXML'],
    [expire(date('2017-01-01T00:00:00.000Z')), 'ok'],
    [expire(date('2017-01-01T00:00:00Z')), 'ok'],
    [expire(date('2017-01-01T08:00:00.000Z')), 'MalformedXML'],
    [expire(date('2017-02-30T00:00:00.000Z')), 'MalformedXML'],
    [expire(date('2017-01-01')), 'MalformedXML'],
    [expire(days(1) + date('2017-01-01T00:00:00.000Z')), 'MalformedXML'],
    [expire(''), 'MalformedXML (0014-00000060)'],
    [expire('<ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker>'), 'MalformedXML (0014-00000060)'],
    [expire('<ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>'), 'ok'],
    [expire('<ExpiredObjectDeleteMarker>yes</ExpiredObjectDeleteMarker>'), 'MalformedXML'],
    [expire(`<ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>${days(1)}`), 'MalformedXML'],
    [transition('', 'IA'), 'MalformedXML'],
    [transition(days(1) + date('2017-01-01T00:00:00.000Z'), 'IA'), 'MalformedXML'],
    [
      '<Transition><IsAccessTime>true</IsAccessTime><CreatedBeforeDate>2021-12-30T00:00:00.000Z</CreatedBeforeDate><StorageClass>IA</StorageClass></Transition>',
      'MalformedXML (0014-00000047)',
    ],
    [
      '<Transition><IsAccessTime>true</IsAccessTime><Days>30</Days><StorageClass>IA</StorageClass><ReturnToStdWhenVisit>true</ReturnToStdWhenVisit></Transition>',
      'ok',
    ],
    ['<AbortMultipartUpload></AbortMultipartUpload>', 'MalformedXML'],
    ['<AbortMultipartUpload><Days>0</Days></AbortMultipartUpload>', 'MalformedXML'],
    ['<NoncurrentVersionExpiration></NoncurrentVersionExpiration>', 'MalformedXML'],
    [
      '<NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration>',
      'MalformedXML',
    ],
  ])('%s → %s', (body, expected) => {
    expect(check(config(rule(body)))).toBe(expected);
  });
});

describe('lifecycle-transition-order', () => {
  it.each([
    [transition(days(30), 'IA') + transition(days(60), 'Archive'), 'ok'],
    [
      transition(days(30), 'IA') +
        transition(days(31), 'ColdArchive') +
        transition(days(32), 'DeepColdArchive'),
      'ok',
    ],
    [transition(days(60), 'Archive') + transition(days(30), 'IA'), 'ok'],
    [transition(days(30), 'IA') + transition(days(30), 'Archive'), 'InvalidArgument'],
    [transition(days(60), 'IA') + transition(days(30), 'Archive'), 'InvalidArgument'],
    [transition(days(90), 'ColdArchive') + transition(days(60), 'DeepColdArchive'), 'InvalidArgument'],
    [transition(days(30), 'IA') + transition(days(40), 'IA'), 'InvalidArgument'],
    [transition(days(30), 'Standard'), 'InvalidArgument'],
    [transition(days(30), 'Glacier'), 'InvalidArgument'],
    [`<Transition>${days(30)}</Transition>`, 'InvalidArgument'],
    [transition(days(30), 'IA') + expire(days(31)), 'ok'],
    [transition(days(30), 'IA') + expire(days(30)), 'InvalidArgument'],
    [transition(days(30), 'IA') + expire(days(10)), 'InvalidArgument'],
    [transition(date('2024-01-01T00:00:00.000Z'), 'IA') + expire(date('2024-02-01T00:00:00.000Z')), 'ok'],
    [
      transition(date('2024-02-01T00:00:00.000Z'), 'IA') + expire(date('2024-01-01T00:00:00.000Z')),
      'InvalidArgument',
    ],
    [transition(date('2024-02-01T00:00:00.000Z'), 'IA') + expire(days(1)), 'ok'],
    [
      '<NoncurrentVersionTransition><NoncurrentDays>10</NoncurrentDays><StorageClass>IA</StorageClass></NoncurrentVersionTransition><NoncurrentVersionExpiration><NoncurrentDays>20</NoncurrentDays></NoncurrentVersionExpiration>',
      'ok',
    ],
    [
      '<NoncurrentVersionTransition><NoncurrentDays>20</NoncurrentDays><StorageClass>IA</StorageClass></NoncurrentVersionTransition><NoncurrentVersionExpiration><NoncurrentDays>20</NoncurrentDays></NoncurrentVersionExpiration>',
      'InvalidArgument',
    ],
    [
      '<NoncurrentVersionTransition><NoncurrentDays>20</NoncurrentDays><StorageClass>Archive</StorageClass></NoncurrentVersionTransition><NoncurrentVersionTransition><NoncurrentDays>30</NoncurrentDays><StorageClass>IA</StorageClass></NoncurrentVersionTransition>',
      'InvalidArgument',
    ],
    [
      '<NoncurrentVersionTransition><NoncurrentDays>20</NoncurrentDays><StorageClass>Standard</StorageClass></NoncurrentVersionTransition>',
      'InvalidArgument',
    ],
  ])('%s → %s', (body, expected) => {
    expect(check(config(rule(body)))).toBe(expected);
  });
});
