import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, isCatalogued } from '../../src/core/catalogue';
import { OssError } from '../../src/core/oss-error';

// The seeds (OSS's own error pages) sit beside the repository, as in CI: ../shared/seeds.
const SEEDS = path.resolve(__dirname, '../../../shared/seeds');
const haveSeeds = fs.existsSync(SEEDS);

/** Undoes the seed's Markdown escaping (`\(`, `\_`, `\\"` ...). */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|"])/g, '$1').trim();
}

type SeedMessage = { code: string; status: number | undefined; message: string };

/** Every (code, message) the seed pages state: table rows and "错误消息" bullets. */
function seedMessages(): SeedMessage[] {
  const out: SeedMessage[] = [];
  for (const file of fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
    const lines = fs.readFileSync(path.join(SEEDS, file), 'utf8').split('\n');
    let status: number | undefined;
    let code: string | undefined;
    let inMessageList = false;
    for (const line of lines) {
      const statusHeading = /^## HTTP状态码(\d{3})/.exec(line);
      if (statusHeading) status = Number(statusHeading[1]);
      const codeHeading = /^## ([A-Za-z0-9]+)\s*$/.exec(line);
      if (codeHeading) {
        code = codeHeading[1];
        status = undefined;
      }
      const row = /^\|([A-Za-z0-9]*)\|([^|]+)\|/.exec(line);
      if (row && row[2] !== 'Message' && !/^-+$/.test(row[2]!)) {
        if (row[1]) code = row[1];
        if (code) out.push({ code, status, message: unescapeMarkdown(row[2]!) });
        continue;
      }
      const bullet = /^\s*-\s+错误消息：(.*)$/.exec(line);
      if (bullet && code) {
        const text = bullet[1]!.trim();
        inMessageList = text === '';
        for (const part of text.split(/或者|或/).filter(Boolean)) {
          // "A.或B." lists alternatives; a part that ends without the period keeps it from the doc.
          out.push({ code, status, message: unescapeMarkdown(part) });
        }
        continue;
      }
      if (inMessageList && code) {
        const item = /^\s{4,}(-\s+)?([A-Za-z].*)$/.exec(line);
        if (item && !/^\s*-\s*错误/.test(line))
          out.push({ code, status, message: unescapeMarkdown(item[2]!) });
        if (/^\s*-\s*错误原因/.test(line)) inMessageList = false;
      }
    }
  }
  return out;
}

describe('error catalogue (schemas/errors.json)', () => {
  it('gives every code a status and at least one message', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      // 500, 502 and 504 only for the gateway's own answers (InternalError, UpstreamUnavailable, UpstreamTimeout).
      const statuses = entry.gatewayOwn ? [500, 502, 504] : [203, 400, 403, 404, 405, 409, 411, 412, 503];
      expect(statuses).toContain(entry.status);
      expect(entry.messages.length).toBeGreaterThan(0);
      expect(code).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  (haveSeeds ? it : it.skip)('contains every code and message of the seed pages, byte for byte', () => {
    const missing: string[] = [];
    const seen = seedMessages();
    expect(seen.length).toBeGreaterThan(150);
    for (const { code, status, message } of seen) {
      if (!CATALOGUE[code]) missing.push(`code ${code}`);
      else if (!isCatalogued(code, message)) missing.push(`${code}: ${JSON.stringify(message)}`);
      else if (status !== undefined) expect(`${code} ${CATALOGUE[code]!.status}`).toBe(`${code} ${status}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps OSS typos verbatim', () => {
    expect(isCatalogued('InvalidArgument', 'The callback var is not expecten json.')).toBe(true);
    expect(isCatalogued('AccessForbidden', CATALOGUE.AccessForbidden!.messages[0]!.text)).toBe(true);
    expect(CATALOGUE.AccessForbidden!.messages[0]!.text).toContain('evalution');
    expect(CATALOGUE.AccessForbidden!.messages[0]!.text).toContain('Requet-Headers');
    expect(
      isCatalogued(
        'InvalidArgument',
        'The header value specified by persistent header is not equal to reqeust header value.',
      ),
    ).toBe(true);
  });

  it('refuses to build an error that is not catalogued', () => {
    expect(() => new OssError('InvalidArgument', 'made up')).toThrow(/not in schemas\/errors.json/);
    expect(() => new OssError('NoSuchCode', 'x')).toThrow(/not in schemas\/errors.json/);
    expect(new OssError('InvalidBucketName', 'The specified bucket is not valid.').status).toBe(400);
  });

  it('matches message templates only with the fixed text around the variable', () => {
    const tpl = 'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "a"]';
    expect(isCatalogued('AccessDenied', tpl)).toBe(true);
    expect(isCatalogued('AccessDenied', 'Invalid according to Policy: Policy expired. extra')).toBe(false);
  });

  it('says why every code without a rule is left to OSS', () => {
    const left = Object.entries(CATALOGUE).filter(([, e]) => e.leftToOss !== undefined);
    expect(left.length).toBeGreaterThan(20);
    for (const [, entry] of left) expect(entry.leftToOss!.length).toBeGreaterThan(10);
  });
});
