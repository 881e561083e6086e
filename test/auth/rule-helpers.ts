import type { RuleContext } from '../../src/core/rule';
import { createPreflight } from '../../src/preflight/create-preflight';
import type { Credentials } from '../../src/signing/types';

/** 2023-12-16T16:20:57Z, the time of the Go SDK V4 vectors. */
export const NOW = Date.UTC(2023, 11, 16, 16, 20, 57);
export const GMT = 'Sat, 16 Dec 2023 16:20:57 GMT';
export const ISO = '20231216T162057Z';
export const KEY: Credentials = {
  accessKeyId: 'LTAI5tRuleTestKey',
  accessKeySecret: 'ruleTestSecret0123456789',
};

const core = createPreflight({ families: ['auth'] });

export type Outcome = {
  status: number;
  code: string;
  message: string;
  details: ReadonlyArray<readonly [string, string]>;
};

/** Runs the auth rules on a path-style request; 'ok' when they accept it. */
export function authCheck(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  context: Partial<RuleContext> = {},
): 'ok' | Outcome {
  const request = core.parse({ method, url, headers: { host: '127.0.0.1:8080', ...headers } });
  const error = core.check(request, { now: NOW, ...context });
  return error
    ? { status: error.status, code: error.code, message: error.message, details: error.details }
    : 'ok';
}

export function line(outcome: 'ok' | Outcome): string {
  return outcome === 'ok' ? 'ok' : `${outcome.status} ${outcome.code}: ${outcome.message}`;
}

export const at = (offsetMs: number) => new Date(NOW + offsetMs);
export const gmt = (offsetMs: number) => at(offsetMs).toUTCString();
export const iso = (offsetMs: number) =>
  at(offsetMs)
    .toISOString()
    .replace(/[-:]|\.\d{3}/g, '');
