import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, catalogueMessage, keyOf, messageKeys } from '../../src/core/catalogue';
import { invalidArgument, OssError, ossError } from '../../src/core/oss-error';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('message keys (schemas/errors.json)', () => {
  it('gives every message a camelCase key, unique within its code', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      const keys = entry.messages.map((m) => m.key);
      for (const key of keys) expect(`${code}.${key}`).toMatch(/^[A-Za-z0-9]+\.[a-z][A-Za-z0-9]*$/);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(messageKeys().length).toBe(Object.values(CATALOGUE).reduce((n, e) => n + e.messages.length, 0));
  });

  it('has src/core/message-keys.ts generated from the catalogue as it is', () => {
    // A real process: the generator's --check exits 1 when the file is stale.
    expect(() =>
      execFileSync(process.execPath, ['scripts/message-keys.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' }),
    ).not.toThrow();
    const generated = fs.readFileSync(path.join(ROOT, 'src/core/message-keys.ts'), 'utf8');
    for (const key of messageKeys()) expect(generated).toContain(`| '${key}'`);
  });

  it('builds errors by key with the code and text of the catalogue', () => {
    const error = ossError('InvalidObjectName.tooLong');
    expect([error.code, error.status, error.key, error.message]).toEqual([
      'InvalidObjectName',
      400,
      'InvalidObjectName.tooLong',
      'The Length of Object name must be less than 1024.',
    ]);
    const argument = invalidArgument('InvalidArgument.versionIdEmpty', 'versionId', '');
    expect(argument.details).toEqual([
      ['ArgumentName', 'versionId'],
      ['ArgumentValue', ''],
    ]);
    // The same text under two codes has two keys.
    expect(ossError('AccessDenied.validDateRequired').code).toBe('AccessDenied');
    expect(ossError('InvalidArgument.validDateRequired').code).toBe('InvalidArgument');
  });

  it('fills templates and keeps the template key', () => {
    const error = ossError('AccessDenied.policyConditionFailed', [], undefined, {
      condition: '["eq", "$key", "a"]',
    });
    expect(error.message).toBe('Invalid according to Policy: Policy Condition failed: ["eq", "$key", "a"]');
    expect(error.key).toBe('AccessDenied.policyConditionFailed');
  });

  it('finds the key of an error built from code and text', () => {
    expect(new OssError('InvalidBucketName', 'The specified bucket is not valid.').key).toBe(
      'InvalidBucketName.invalid',
    );
    expect(keyOf('InvalidArgument', 'made up')).toBeUndefined();
  });

  it('refuses a key that is not in the catalogue, at compile time and at run time', () => {
    // @ts-expect-error: not a catalogue key (tsc fails on this line if the type accepted it)
    expect(() => ossError('InvalidArgument.noSuchMessage')).toThrow(/not in schemas\/errors.json/);
    // @ts-expect-error: invalidArgument() takes InvalidArgument keys only (a compile-time check alone)
    const wrongCode = () => invalidArgument('InvalidBucketName.invalid');
    expect(wrongCode().code).toBe('InvalidBucketName');
    // @ts-expect-error: a bare code is not a key
    expect(() => catalogueMessage('AccessDenied')).toThrow(/not in schemas\/errors.json/);
  });

  it('keeps every catalogue message out of src/ (code names messages by key)', () => {
    const copies: string[] = [];
    const texts = Object.entries(CATALOGUE).flatMap(([code, entry]) =>
      entry.messages
        // "AccessDenied" and "UserDisable" are their codes' only messages and their codes' names.
        .filter((m) => m.text !== code)
        // A template's fixed part (up to its first `{name}`) is what a copy would contain.
        .map((m) => m.text.split(/\{[a-z]+\}/)[0]!),
    );
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const text of texts)
        if (source.includes(text)) copies.push(`${path.relative(ROOT, file)}: ${text}`);
    }
    expect(copies).toEqual([]);
  });
});
