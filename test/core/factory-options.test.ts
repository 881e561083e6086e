// Eager checks: every public factory refuses a broken option when it is called, with a TypeError that
// names the factory the caller called and the field at fault, instead of failing on every request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import {
  accessPolicy,
  allowOperations,
  checkNames,
  checkXmlBody,
  createPreflight,
  defineRule,
  invalidArgument,
  ossErrorHandler,
  preflight,
  type Rule,
  verifySignatures,
} from '../../src';
import { startDevUpstream } from '../../src/dev-upstream';
import { createGateway, createGatewayServer, signingEndpoint } from '../../src/gateway';
import { issuePostPolicy, ossStorage, postObject, postPolicyRoute } from '../../src/post';

const KEY = { accessKeyId: 'LTAI5tFactoryTestKey', accessKeySecret: 'factory-test-secret' };
const check: Rule['check'] = () => undefined;
const complete = { id: 'x', family: 'custom', operations: ['PutObject'], errors: [], source: 'test', check };
const storage = ossStorage({ endpoint: 'http://127.0.0.1:9' });

const cases: Array<[name: string, call: () => unknown, message: string]> = [
  ['defineRule({})', () => defineRule({} as Rule), 'oss-preflight: defineRule(): "id" is required'],
  [
    "defineRule({ id: 'x' })",
    () => defineRule({ id: 'x' } as Rule),
    'oss-preflight: defineRule(): rule "x": "family" is required',
  ],
  [
    'defineRule without operations',
    () => defineRule({ ...complete, operations: undefined } as unknown as Rule),
    'oss-preflight: defineRule(): rule "x": "operations" is required',
  ],
  [
    'defineRule with empty operations',
    () => defineRule({ ...complete, operations: [] }),
    'oss-preflight: defineRule(): rule "x": "operations" is required',
  ],
  [
    'defineRule with a misspelt operation',
    () => defineRule({ ...complete, operations: ['PutObjet'] }),
    'oss-preflight: defineRule(): rule "x": "operations" names "PutObjet", which is no OSS operation. Did you mean "PutObject"?',
  ],
  [
    'defineRule without check',
    () => defineRule({ ...complete, check: undefined } as unknown as Rule),
    'oss-preflight: defineRule(): rule "x": "check" is required',
  ],
  [
    'defineRule with a bad phase',
    () => defineRule({ ...complete, phase: 'tail' as 'head' }),
    'oss-preflight: defineRule(): rule "x": "phase" must be "head" or "body"',
  ],
  [
    'defineRule with upper-case input headers',
    () => defineRule({ ...complete, inputs: { headers: ['Content-Type'] } }),
    'oss-preflight: defineRule(): rule "x": "inputs.headers" names "Content-Type": header names are lower case.',
  ],
  [
    "preflight({ extraRules: [{ id: 'x' }] })",
    () => preflight({ extraRules: [{ id: 'x' } as Rule] }),
    'oss-preflight: preflight(): extraRules[0]: rule "x": "family" is required',
  ],
  [
    'preflight with a rule lacking check (second entry)',
    () =>
      preflight({ extraRules: [complete, { ...complete, id: 'y', check: undefined } as unknown as Rule] }),
    'oss-preflight: preflight(): extraRules[1]: rule "y": "check" is required',
  ],
  [
    'preflight with a rule that takes a built-in id',
    () => preflight({ extraRules: [{ ...complete, id: 'bucket-name' }] }),
    'oss-preflight: preflight(): extraRules[0]: rule "bucket-name": the id is taken by a built-in rule',
  ],
  [
    'preflight with two rules of one id',
    () => preflight({ extraRules: [complete, complete] }),
    'oss-preflight: preflight(): extraRules[1]: rule "x": the id is taken by another of extraRules',
  ],
  [
    'preflight with extraRules that is no list',
    () => preflight({ extraRules: complete as unknown as Rule[] }),
    'oss-preflight: preflight(): "extraRules" must be a list',
  ],
  [
    "preflight('x')",
    () => preflight('x' as never),
    'oss-preflight: preflight(): options must be an object, got "x".',
  ],
  [
    'checkNames with a broken extra rule',
    () => checkNames({ extraRules: [{} as Rule] }),
    'oss-preflight: checkNames(): extraRules[0]: "id" is required',
  ],
  [
    'createPreflight with a broken extra rule',
    () => createPreflight({ extraRules: [{ ...complete, check: 1 } as unknown as Rule] }),
    'oss-preflight: createPreflight(): extraRules[0]: rule "x": "check" is required',
  ],
  [
    'createPreflight with customDomains as a list',
    () => createPreflight({ customDomains: ['a'] as never }),
    'oss-preflight: createPreflight(): option "customDomains" must be an object of strings, got an array.',
  ],
  [
    'checkXmlBody(null)',
    () => checkXmlBody(null as never),
    'oss-preflight: checkXmlBody(): options must be an object, got null.',
  ],
  [
    'checkXmlBody with a misspelt maxBytes',
    () => checkXmlBody({ maxByte: 10 } as never),
    'oss-preflight: checkXmlBody(): unknown option "maxByte". Did you mean "maxBytes"?',
  ],
  [
    'verifySignatures(undefined)',
    () => verifySignatures(undefined as never),
    'oss-preflight: verifySignatures(): options must be an object, got undefined.',
  ],
  [
    'verifySignatures with virtualHostSuffixes as a string',
    () => verifySignatures({ knownKeys: KEY, virtualHostSuffixes: 'example.com' as never }),
    'oss-preflight: verifySignatures(): option "virtualHostSuffixes" must be an array of strings',
  ],
  [
    'verifySignatures with now as a number',
    () => verifySignatures({ knownKeys: KEY, now: 5 as never }),
    'oss-preflight: verifySignatures(): option "now" must be a function',
  ],
  [
    'ossErrorHandler({ hostId: 1 })',
    () => ossErrorHandler({ hostId: 1 as never }),
    'oss-preflight: ossErrorHandler(): "hostId" must be a string',
  ],
  [
    'accessPolicy with a misspelt operation group',
    () =>
      accessPolicy({
        clients: [{ name: 'a', token: 't'.repeat(16), buckets: ['b'], operations: ['raed'] }],
      }),
    'oss-preflight: accessPolicy(): clients[0].operations: "raed" is neither an OSS operation nor a group. Did you mean "read"?',
  ],
  [
    'accessPolicy with a misspelt field',
    () => accessPolicy({ clients: [], client: [] } as never),
    'oss-preflight: accessPolicy(): unknown field "client"',
  ],
  [
    'allowOperations with a misspelt operation',
    () => allowOperations('GetObjct'),
    'oss-preflight: allowOperations(): "GetObjct" is neither an OSS operation nor a group. Did you mean "GetObject"?',
  ],
  [
    'createGateway()',
    () => createGateway(undefined as never),
    'oss-preflight: createGateway(): options must be an object, got undefined.',
  ],
  [
    'createGateway with a broken extra rule',
    () => createGateway({ endpoint: 'http://127.0.0.1:9', preflight: { extraRules: [{ id: 'x' } as Rule] } }),
    'oss-preflight: createGateway() preflight: extraRules[0]: rule "x": "family" is required',
  ],
  [
    'createGatewayServer() with a misspelt option',
    () => createGatewayServer({ endpoint: 'http://127.0.0.1:9', knownKey: [] } as never),
    'oss-preflight: createGatewayServer(): unknown option "knownKey". Did you mean "knownKeys"?',
  ],
  [
    'signingEndpoint()',
    () => signingEndpoint(undefined as never),
    'oss-preflight: signingEndpoint(): options must be an object, got undefined.',
  ],
  [
    'signingEndpoint with a broken extra rule',
    () =>
      signingEndpoint({
        credentials: KEY,
        endpoint: 'http://127.0.0.1:9',
        authorize: () => true,
        preflight: { extraRules: [{ ...complete, operations: 'some' as 'all' }] },
      }),
    'oss-preflight: signingEndpoint() preflight: extraRules[0]: rule "x": "operations" is required',
  ],
  [
    'postObject({})',
    () => postObject({} as never),
    'oss-preflight: postObject(): "storage" must be a multer storage engine',
  ],
  [
    'postObject with a broken extra rule',
    () => postObject({ storage, preflight: { extraRules: [{ id: 'x' } as Rule] } }),
    'oss-preflight: postObject() preflight: extraRules[0]: rule "x": "family" is required',
  ],
  [
    'ossStorage({})',
    () => ossStorage({} as never),
    'oss-preflight: ossStorage(): "endpoint" must be an absolute URL',
  ],
  [
    'issuePostPolicy({})',
    () => issuePostPolicy({} as never),
    'oss-preflight: issuePostPolicy(): "bucket" must be a non-empty string',
  ],
  [
    'postPolicyRoute({})',
    () => postPolicyRoute({}),
    'oss-preflight: postPolicyRoute(): "bucket" must be a non-empty string',
  ],
  [
    'postPolicyRoute with a bad expiry',
    () =>
      postPolicyRoute({
        bucket: 'example-bucket',
        keyPrefix: '',
        credentials: KEY,
        region: 'cn-hangzhou',
        expiresIn: -1,
      }),
    'oss-preflight: postPolicyRoute(): "expiresIn" must be a positive number of seconds, got -1.',
  ],
];

describe('each factory checks its options when called and names itself', () => {
  it.each(cases)('%s', (_name, call, message) => {
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    // The message starts with the expected text (the rest explains the fix).
    expect((thrown as Error).message.slice(0, message.length)).toBe(message);
  });

  it('startDevUpstream checks its options before it listens', async () => {
    await expect(startDevUpstream({ prot: 1 } as never)).rejects.toThrow(
      'oss-preflight: startDevUpstream(): unknown option "prot". Did you mean "port"?',
    );
    await expect(startDevUpstream({ port: 70000 })).rejects.toThrow(
      'oss-preflight: startDevUpstream(): "port" must be an integer from 0 to 65535, got 70000.',
    );
  });

  it('a rule made with defineRule() runs on every request it names, through a listening server', async () => {
    // The issue's case inverted: a complete rule is accepted and answers with its own error.
    const onlyTxt = defineRule({
      ...complete,
      id: 'only-txt',
      errors: ['InvalidArgument.parameterInvalidDotted'],
      check: (request) =>
        request.key?.endsWith('.txt') === false
          ? invalidArgument('InvalidArgument.parameterInvalidDotted', 'key', request.key)
          : undefined,
    });
    const app = express();
    app.use(preflight({ extraRules: [onlyTxt] }));
    app.use((_req, res) => {
      res.status(200).end('ok');
    });
    app.use(ossErrorHandler());
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const put = (key: string) => fetch(`${base}/example-bucket/${key}`, { method: 'PUT', body: 'x' });
      expect((await put('a.txt')).status).toBe(200);
      const refused = await put('a.bin');
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('<ArgumentValue>a.bin</ArgumentValue>');
    } finally {
      server.close();
    }
  });
});
