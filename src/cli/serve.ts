import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerToken } from '../authorize/client';
import { type AccessPolicy, accessPolicy, allowAnyone, policyClientNames } from '../authorize/policy';
import type { Authorize } from '../authorize/types';
import { DrainController } from '../gateway/drain';
import type { GatewayOptions } from '../gateway/gateway';
import { isOwnPath, type OwnEndpoints, ownEndpoints } from '../gateway/health';
import { observeRequests } from '../gateway/observe';
import { createGatewayServer } from '../gateway/server';
import type { RateLimits } from '../limits/types';
import { type Logger, logRequest } from './logging';
import type { GatewayMetrics } from './metrics';
import { SETTINGS, SettingError, type Settings } from './settings';

/** The key the development stand-in accepts; it is not an OSS key. */
export const DEV_CREDENTIALS = { accessKeyId: 'LTAI5tDevStandInKey', accessKeySecret: 'devStandInSecret' };

/** Who may have unsigned requests signed: the policy file, everyone (allow-anonymous), or loopback only. */
export function authorizeFrom(settings: Settings): Authorize | undefined {
  if (settings.policy) {
    try {
      return accessPolicy(settings.policy.document as Parameters<typeof accessPolicy>[0]);
    } catch (error) {
      const spec = SETTINGS.find((s) => s.name === 'policy');
      throw new SettingError(spec, `${settings.policy.file}: ${(error as Error).message}`);
    }
  }
  return settings.allowAnonymous ? allowAnyone : undefined;
}

/** The `limits` option from --limits and its store; a policy client counts under its name. */
function limitsFrom(settings: Settings): GatewayOptions['limits'] {
  if (settings.limits === undefined) return undefined;
  const document = settings.limits.document as RateLimits;
  const names = settings.policy ? policyClientNames(settings.policy.document as AccessPolicy) : undefined;
  return {
    ...document,
    store: settings.limitsRedisUrl !== undefined ? { redis: settings.limitsRedisUrl } : 'memory',
    ...(names ? { identify: (req) => names(bearerToken(req.headers.authorization)) } : {}),
  };
}

/** The options createGateway() gets from the command's settings. */
export function gatewayOptions(settings: Settings, devUpstream: string | undefined): GatewayOptions {
  const endpoint = settings.endpoint ?? devUpstream;
  if (endpoint === undefined) throw new Error('no upstream: neither OSS_ENDPOINT nor the stand-in');
  const authorize = authorizeFrom(settings);
  const { host, port } = settings;
  return {
    endpoint,
    ...(settings.region ? { region: settings.region } : {}),
    credentials: settings.credentials ?? (settings.endpoint === undefined ? DEV_CREDENTIALS : undefined),
    signatureVersion: settings.signatureVersion,
    ...(authorize ? { authorize } : {}),
    unknownKeys: settings.unknownKeys,
    maxXmlBodyBytes: settings.maxXmlBodyBytes,
    bounds: settings.bounds,
    upstreamTimeouts: settings.upstreamTimeouts,
    ...(settings.limits ? { limits: limitsFrom(settings) } : {}),
    preflight: {
      virtualHostSuffixes: [`localhost:${port}`, `${host}:${port}`, ...settings.domains],
      ...(settings.disable.length > 0 ? { disable: settings.disable } : {}),
    },
  };
}

/** Store failures of the limits go to the log, at most one line a second (each request also notes it). */
function withStoreLog(options: GatewayOptions, logger: Logger): GatewayOptions {
  if (options.limits === undefined) return options;
  let lastLogged = 0;
  let unlogged = 0;
  const onStoreError = (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < 1000) {
      unlogged++;
      return;
    }
    logger.warn(
      { err: error, failOpen: options.limits?.failOpen ?? true, since: unlogged },
      'rate-limit store unavailable',
    );
    lastLogged = now;
    unlogged = 0;
  };
  return { ...options, limits: { ...options.limits, onStoreError } };
}

export type RunningServer = {
  readonly server: Server;
  readonly drainer: DrainController;
  readonly address: AddressInfo;
};

/**
 * One gateway server as the command runs it: the `/-/` endpoints in front, a log line and metrics
 * for every request, drain tracking, listening on the configured address.
 */
export function serveGateway(
  settings: Settings,
  options: GatewayOptions,
  context: { logger: Logger; metrics: GatewayMetrics; metricsText: OwnEndpoints['metrics'] },
): Promise<RunningServer> {
  const { logger, metrics } = context;
  let drainer: DrainController | undefined;
  const intercept = ownEndpoints({
    ready: () => drainer?.draining !== true,
    metrics: context.metricsText,
  });
  const { server } = createGatewayServer(withStoreLog(options, logger), { tls: settings.tls, intercept });
  drainer = new DrainController(server);
  const running = drainer;
  // One listener per request for the log, the metrics and the drain (a response already carries many).
  observeRequests(server, {
    onStart: (req, res, upload) => {
      running.begin(res);
      if (!isOwnPath(req)) metrics.started(upload);
    },
    onEnd: (record, req, res, upload) => {
      running.end(res);
      if (isOwnPath(req)) {
        logger.debug({ path: req.url, status: record.status }, 'own endpoint');
        return;
      }
      metrics.ended(record, upload);
      logRequest(logger, record);
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve({ server, drainer: running, address: server.address() as AddressInfo });
    });
  });
}

/** The admin port: the same `/-/` endpoints on a listener of their own (plain HTTP). */
export function serveAdmin(host: string, port: number, own: OwnEndpoints): Promise<Server> {
  const answer = ownEndpoints(own);
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!answer(req, res)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
