import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { summary } from '../helpers/catalogue';
import { type RunningGateway, send, startGateway, xmlTag } from '../helpers/gateway-harness';

// LiveChannel (issue 11 part 5): the PutLiveChannel document, PutLiveChannelStatus, and the
// /ChannelName/PlaylistName?vod path of PostVodPlaylist, unit and through the gateway.

const core = createPreflight({ families: ['names', 'headers', 'bucket-config'] });
function check(method: string, url: string, xml?: string): string {
  const parsed = core.parse({ method, url, headers: { host: '127.0.0.1', 'content-length': '0' } });
  const error =
    core.check(parsed) ??
    (xml === undefined ? undefined : core.check({ ...parsed, body: Buffer.from(xml) }, {}, 'body'));
  return error ? `${error.status} ${error.code}: ${error.message}${error.ec ? ` (${error.ec})` : ''}` : 'ok';
}

const INVALID = (ec?: string) => summary(400, 'InvalidArgument.parameterInvalidDotted', ec ? ` (${ec})` : '');
const MALFORMED = summary(400, 'MalformedXML.notWellFormed');
const PLAYLIST = summary(400, 'InvalidRequest.playlistNameEndsM3u8');

// The reference's own PutLiveChannel example.
const REFERENCE_BODY = `<?xml version="1.0" encoding="utf-8"?>
<LiveChannelConfiguration>
    <Description/>
    <Status>enabled</Status>
    <Target>
        <Type>HLS</Type>
        <FragDuration>2</FragDuration>
        <FragCount>3</FragCount>
    </Target>
    <Snapshot>
        <RoleName>role_for_snapshot</RoleName>
        <DestBucket>snapshotdest</DestBucket>
        <NotifyTopic>snapshotnotify</NotifyTopic>
        <Interval>1</Interval>
     </Snapshot>
</LiveChannelConfiguration>`;

function channel({
  description = '',
  status = 'enabled',
  target = '<Type>HLS</Type><FragDuration>2</FragDuration><FragCount>3</FragCount>',
  snapshot = '',
  extra = '',
}: {
  description?: string;
  status?: string;
  target?: string;
  snapshot?: string;
  extra?: string;
} = {}) {
  return `<LiveChannelConfiguration><Description>${description}</Description><Status>${status}</Status><Target>${target}</Target>${snapshot}${extra}</LiveChannelConfiguration>`;
}
const put = (xml: string) => check('PUT', '/example-bucket/test-channel?live', xml);

describe('PutLiveChannel document', () => {
  it("accepts the reference's example and the minimal document", () => {
    expect(put(REFERENCE_BODY)).toBe('ok');
    expect(
      put('<LiveChannelConfiguration><Target><Type>HLS</Type></Target></LiveChannelConfiguration>'),
    ).toBe('ok');
  });

  it('needs a well-formed LiveChannelConfiguration with exactly one Target and at most one Snapshot', () => {
    expect(put('<LiveChannelConfiguration><Target>')).toBe(MALFORMED);
    expect(put('<CreateLiveChannel><Target><Type>HLS</Type></Target></CreateLiveChannel>')).toBe(MALFORMED);
    expect(put('<LiveChannelConfiguration><Status>enabled</Status></LiveChannelConfiguration>')).toBe(
      MALFORMED,
    );
    expect(put(channel({ extra: '<Target><Type>HLS</Type></Target>' }))).toBe(MALFORMED);
    const snap = '<Snapshot><Interval>1</Interval></Snapshot>';
    expect(put(channel({ snapshot: snap }))).toBe('ok');
    expect(put(channel({ snapshot: snap + snap }))).toBe(`${MALFORMED} (0044-00000003)`);
  });

  it('Description: 128 characters pass, 129 fail (EC 0044-00000001)', () => {
    expect(put(channel({ description: '文'.repeat(128) }))).toBe('ok');
    expect(put(channel({ description: 'a'.repeat(129) }))).toBe(INVALID('0044-00000001'));
  });

  it.each([
    ['enabled', 'ok'],
    ['disabled', 'ok'],
    ['Disabled', 'ok'],
    ['', 'ok'],
    ['abc', INVALID('0044-00000002')],
    ['on', INVALID('0044-00000002')],
  ])('Status %j → %s', (status, expected) => {
    expect(put(channel({ status }))).toBe(expected);
  });

  it.each([
    ['<Type>HLS</Type>', 'ok'],
    ['<Type>hls</Type>', 'ok'],
    ['<Type>DASH</Type>', INVALID('0044-00000013')],
    ['<FragDuration>2</FragDuration><FragCount>3</FragCount>', INVALID('0044-00000013')],
    ['<Type>HLS</Type><FragDuration>1</FragDuration><FragCount>1</FragCount>', 'ok'],
    ['<Type>HLS</Type><FragDuration>100</FragDuration><FragCount>100</FragCount>', 'ok'],
    ['<Type>HLS</Type><FragDuration>0</FragDuration><FragCount>3</FragCount>', INVALID('0044-00000014')],
    ['<Type>HLS</Type><FragDuration>101</FragDuration><FragCount>3</FragCount>', INVALID('0044-00000014')],
    ['<Type>HLS</Type><FragDuration>abc</FragDuration><FragCount>3</FragCount>', INVALID('0044-00000014')],
    ['<Type>HLS</Type><FragDuration>2</FragDuration><FragCount>0</FragCount>', INVALID('0044-00000015')],
    ['<Type>HLS</Type><FragDuration>2</FragDuration><FragCount>101</FragCount>', INVALID('0044-00000015')],
    ['<Type>HLS</Type><FragDuration>2</FragDuration>', INVALID('0044-00000015')],
    ['<Type>HLS</Type><FragCount>3</FragCount>', INVALID('0044-00000014')],
  ])('Target %s → %s', (target, expected) => {
    expect(put(channel({ target }))).toBe(expected);
  });

  it.each([
    ['a.m3u8', 'ok'],
    ['PLAY.M3U8', 'ok'],
    [`${'文'.repeat(123)}.m3u8`, 'ok'],
    [`${'a'.repeat(124)}.m3u8`, PLAYLIST],
    ['.m3u8', PLAYLIST],
    ['playlist.m3u', PLAYLIST],
    ['playlist', PLAYLIST],
  ])('PlaylistName %j → %s', (name, expected) => {
    expect(put(channel({ target: `<Type>HLS</Type><PlaylistName>${name}</PlaylistName>` }))).toBe(expected);
  });

  it.each([
    ['1', 'ok'],
    ['100', 'ok'],
    ['0', INVALID()],
    ['101', INVALID()],
    ['x', INVALID()],
  ])('Snapshot Interval %s → %s', (interval, expected) => {
    expect(put(channel({ snapshot: `<Snapshot><Interval>${interval}</Interval></Snapshot>` }))).toBe(
      expected,
    );
  });
});

describe('PutLiveChannelStatus', () => {
  it.each([
    ['enabled', 'ok'],
    ['disabled', 'ok'],
    ['paused', summary(400, 'InvalidArgument.parameterInvalidDotted')],
    ['', summary(400, 'InvalidArgument.parameterInvalidDotted')],
  ])('status=%s → %s', (status, expected) => {
    expect(check('PUT', `/example-bucket/test-channel?live&status=${status}`)).toBe(expected);
  });

  it('is not read as a PutLiveChannel with a document', () => {
    expect(core.parse({ method: 'PUT', url: '/b/c?live&status=enabled', headers: {} }).operation).toBe(
      'PutLiveChannelStatus',
    );
    expect(core.needsBody('PutLiveChannelStatus')).toBe(false);
  });
});

describe('PostVodPlaylist and GetVodPlaylist', () => {
  it("accepts the reference's PostVodPlaylist and GetVodPlaylist examples", () => {
    expect(
      check(
        'POST',
        '/example-bucket/test-channel/vod.m3u8?vod&endTime=1543895706266&startTime=1543895706263',
      ),
    ).toBe('ok');
    expect(
      check('POST', '/example-bucket/test-channel/vod.m3u8?vod&endTime=1472020226&startTime=1472020031'),
    ).toBe('ok');
    expect(check('GET', '/example-bucket/test-channel?vod&endTime=1472020226&startTime=1472020031')).toBe(
      'ok',
    );
  });

  it('judges the channel before the slash and the playlist after it', () => {
    const times = 'vod&endTime=2&startTime=1';
    expect(check('POST', `/example-bucket/${'c'.repeat(64)}/v.m3u8?${times}`)).toBe('ok');
    expect(check('POST', `/example-bucket/${'c'.repeat(65)}/v.m3u8?${times}`)).toBe(
      summary(400, 'InvalidChannelName.tooLong'),
    );
    expect(check('POST', `/example-bucket/test-channel/vod.txt?${times}`)).toBe(PLAYLIST);
    expect(check('POST', `/example-bucket/test-channel?${times}`)).toBe(PLAYLIST);
    expect(check('POST', `/example-bucket/test-channel/?${times}`)).toBe(PLAYLIST);
    expect(check('GET', `/example-bucket/test-channel/vod.m3u8?${times}`)).toBe(
      summary(400, 'InvalidChannelName.slash'),
    );
  });

  it.each([
    ['vod&endTime=2&startTime=1', 'ok'],
    ['vod&endTime=1&startTime=1', 'endTime'],
    ['vod&endTime=1&startTime=2', 'endTime'],
    ['vod&startTime=1', 'endTime'],
    ['vod&endTime=2', 'startTime'],
    ['vod&endTime=2&startTime=x', 'startTime'],
  ])('time range %s → %s', (query, name) => {
    const parsed = core.parse({ method: 'GET', url: `/example-bucket/ch?${query}`, headers: { host: 'h' } });
    const error = core.check(parsed);
    expect(error === undefined ? 'ok' : error.detail('ArgumentName')).toBe(name);
  });
});

describe('LiveChannel requests through the gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it("forwards the reference's PostVodPlaylist example, path intact and signed", async () => {
    const path = '/example-bucket/test-channel/vod.m3u8?vod&endTime=1543895706266&startTime=1543895706263';
    const res = await send(gw.port, 'POST', path, { 'content-length': '0' });
    expect(res.status).toBe(200);
    const forwarded = gw.upstream.requests.at(-1);
    expect(forwarded?.key).toBe('test-channel/vod.m3u8');
    expect(forwarded?.bucket).toBe('example-bucket');
    expect(forwarded?.url).toBe('/test-channel/vod.m3u8?vod&endTime=1543895706266&startTime=1543895706263');
    expect(forwarded?.signatureProblem).toBeNull();
  });

  it("forwards the reference's PutLiveChannel example and refuses a bad FragCount", async () => {
    const ok = await send(gw.port, 'PUT', '/example-bucket/test-channel?live', {}, REFERENCE_BODY);
    expect(ok.status).toBe(200);
    expect(gw.upstream.requests.at(-1)?.body.toString()).toBe(REFERENCE_BODY);
    const before = gw.upstream.requests.length;
    const bad = await send(
      gw.port,
      'PUT',
      '/example-bucket/test-channel?live',
      {},
      REFERENCE_BODY.replace('<FragCount>3</FragCount>', '<FragCount>abc</FragCount>'),
    );
    expect(bad.status).toBe(400);
    expect(xmlTag(bad.body, 'Code')).toBe('InvalidArgument');
    expect(xmlTag(bad.body, 'EC')).toBe('0044-00000015');
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('forwards PutLiveChannelStatus without reading a document', async () => {
    const res = await send(gw.port, 'PUT', '/example-bucket/test-channel?live&status=disabled', {
      'content-length': '0',
    });
    expect(res.status).toBe(200);
    expect(gw.upstream.requests.at(-1)?.url).toContain('status=disabled');
  });
});
