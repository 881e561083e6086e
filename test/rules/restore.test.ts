import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { type RunningGateway, send, startGateway, xmlTag } from '../helpers/gateway-harness';

// RestoreObject (issue 11 part 2): the RestoreRequest body, and what no body means.

const core = createPreflight({ families: ['multipart'] });
function check(xml: string | undefined): string {
  const parsed = core.parse({
    method: 'POST',
    url: '/example-bucket/cold.txt?restore',
    headers: { host: 'h' },
  });
  const error =
    core.check(parsed) ??
    (xml === undefined ? undefined : core.check({ ...parsed, body: Buffer.from(xml) }, {}, 'body'));
  return error ? `${error.status} ${error.code}${error.ec ? ` (${error.ec})` : ''}` : 'ok';
}
const MALFORMED = '400 MalformedXML';
const restore = (days?: string, tier?: string) =>
  `<RestoreRequest>${days === undefined ? '' : `<Days>${days}</Days>`}${
    tier === undefined ? '' : `<JobParameters><Tier>${tier}</Tier></JobParameters>`
  }</RestoreRequest>`;

describe('RestoreRequest', () => {
  it('no body, an empty body or blanks: OSS applies its defaults', () => {
    expect(check(undefined)).toBe('ok');
    expect(check('')).toBe('ok');
    expect(check(' \r\n')).toBe('ok');
  });

  it("the reference's examples pass", () => {
    expect(check('<RestoreRequest><Days>2</Days></RestoreRequest>')).toBe('ok');
    expect(check(restore('2', 'Standard'))).toBe('ok');
    expect(check(`<?xml version="1.0" encoding="UTF-8"?>\n${restore('2', 'Bulk')}`)).toBe('ok');
    expect(check('<RestoreRequest/>')).toBe('ok');
  });

  it.each([
    ['1', 'ok'],
    ['7', 'ok'],
    ['8', 'ok'],
    ['365', 'ok'],
    [' 30 ', 'ok'],
    ['0', MALFORMED],
    ['-1', MALFORMED],
    ['a', MALFORMED],
    ['1.5', MALFORMED],
    ['', MALFORMED],
    ['366', `${MALFORMED} (0016-00000704)`],
  ])('Days %j → %s (8 to 365 depends on the storage class: left to OSS)', (days, expected) => {
    expect(check(restore(days))).toBe(expected);
  });

  it.each([
    ['Expedited', 'ok'],
    ['Standard', 'ok'],
    ['Bulk', 'ok'],
    ['bulk', 'ok'],
    ['', 'ok'],
    ['Test', `${MALFORMED} (0016-00000703)`],
    ['Fast', `${MALFORMED} (0016-00000703)`],
  ])('Tier %j → %s', (tier, expected) => {
    expect(check(restore('2', tier))).toBe(expected);
  });

  it('unknown, repeated or misplaced elements and malformed XML are MalformedXML', () => {
    expect(check('<RestoreRequest><Days>2</Days><Unknown></Unknown></RestoreRequest>')).toBe(
      `${MALFORMED} (0016-00000714)`,
    );
    expect(check('<RestoreRequest><Days>2</Days><Days>3</Days></RestoreRequest>')).toBe(
      `${MALFORMED} (0016-00000714)`,
    );
    expect(
      check(
        '<RestoreRequest><JobParameters><Tier>Bulk</Tier><Tier>Bulk</Tier></JobParameters></RestoreRequest>',
      ),
    ).toBe(`${MALFORMED} (0016-00000714)`);
    expect(check('<RestoreRequest><JobParameters><Days>2</Days></JobParameters></RestoreRequest>')).toBe(
      `${MALFORMED} (0016-00000714)`,
    );
    expect(check('<RestoreRequest><Days>2</Days>')).toBe(MALFORMED);
    expect(check('<Restore><Days>2</Days></Restore>')).toBe(MALFORMED);
    expect(check('{"Days": 2}')).toBe(MALFORMED);
  });
});

describe('RestoreObject through the gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it('forwards a restore without a body and one with a valid document, signed', async () => {
    const before = gw.upstream.requests.length;
    const bare = await send(gw.port, 'POST', '/example-bucket/cold.txt?restore', { 'content-length': '0' });
    expect(bare.status).toBe(200);
    const body = restore('3', 'Expedited');
    const withBody = await send(gw.port, 'POST', '/example-bucket/cold.txt?restore', {}, body);
    expect(withBody.status).toBe(200);
    const seen = gw.upstream.requests.slice(before);
    expect(seen.map((r) => r.body.toString())).toEqual(['', body]);
    for (const r of seen) expect(r.signatureProblem).toBeNull();
  });

  it('refuses a bad Tier before forwarding', async () => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'POST', '/example-bucket/cold.txt?restore', {}, restore('2', 'Test'));
    expect(res.status).toBe(400);
    expect(xmlTag(res.body, 'Code')).toBe('MalformedXML');
    expect(xmlTag(res.body, 'EC')).toBe('0016-00000703');
    expect(gw.upstream.requests.length).toBe(before);
  });
});
