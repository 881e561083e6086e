import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type tls from 'node:tls';
import { lazyModule } from '../core/lazy';
import { type DevUpstream, startDevUpstream } from '../dev-upstream';
import { createGateway } from '../gateway/gateway';
import { assertSafeListen } from '../gateway/listen-guard';
import { createLogger, type Logger } from './logging';
import { clusterAggregator, createMetrics, shareWithPrimary } from './metrics';
import { authorizeFrom, gatewayOptions, type RunningServer, serveAdmin, serveGateway } from './serve';
import { readSettings, SETTINGS, SettingError, type Settings } from './settings';

/**
 * glibc settings that keep the top of the heap instead of returning it to the kernel after each
 * batch of freed socket buffers: ~1.4 instead of ~2.1-2.6 CPU-seconds per GiB streamed
 * (docs/benchmarks.md). They can only be set when a process starts, so workers get them.
 */
export const STREAMING_GLIBC_TUNABLES =
  'glibc.malloc.trim_threshold=536870912:glibc.malloc.top_pad=67108864:glibc.malloc.mmap_threshold=33554432';

// Internal: how the primary tells its workers where the development stand-in listens.
// Only the primary checks the PEM files; a worker's HTTPS server loads TLS itself.
const tlsModule = lazyModule<typeof tls>('node:tls');

const DEV_UPSTREAM_ENV = 'OSS_PREFLIGHT_DEV_UPSTREAM';
const MSG = {
  drain: 'oss-preflight:drain',
  metricsRequest: 'oss-preflight:metrics-request',
  metricsResponse: 'oss-preflight:metrics-response',
} as const;

type Message = { type?: string; id?: number; body?: string; contentType?: string };

/** Checks what only a start would otherwise reveal, naming the setting: keys, policy, listen guard, the rest. */
function checkBeforeStart(settings: Settings): void {
  if (settings.tls) {
    try {
      tlsModule().createSecureContext({ key: settings.tls.key, cert: settings.tls.cert });
    } catch (error) {
      const spec = SETTINGS.find((s) => s.name === 'tlsKey');
      throw new SettingError(
        spec,
        `the key and certificate are not a usable PEM pair: ${(error as Error).message}`,
      );
    }
  }
  const authorize = authorizeFrom(settings);
  const signs = settings.credentials !== undefined || settings.endpoint === undefined;
  try {
    assertSafeListen(settings.host, {
      authorize: authorize !== undefined,
      allowAnonymous: settings.allowAnonymous,
      signs,
    });
  } catch (error) {
    throw new SettingError(
      undefined,
      `${(error as Error).message} (flags: --policy, --allow-anonymous, --host)`,
    );
  }
  // Everything else createGateway() checks; the stand-in is not started for this.
  void createGateway(gatewayOptions(settings, 'http://127.0.0.1:9')).close();
}

/** Ends the process once its log lines are out. */
function exit(logger: Logger, code: number): never {
  logger.flush();
  process.exit(code);
}

/** SIGTERM/SIGINT start `stop`; a second one exits at once (after `beforeExit`). */
function onSignals(logger: Logger, stop: (signal: string) => void, beforeExit?: () => void): void {
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (signalled) {
        logger.warn({ signal }, 'second signal: exiting now');
        beforeExit?.();
        exit(logger, 1);
      }
      signalled = true;
      stop(signal);
    });
  }
}

async function startStandIn(settings: Settings, logger: Logger): Promise<DevUpstream | undefined> {
  if (settings.endpoint !== undefined) return undefined;
  const dev = await startDevUpstream();
  logger.warn(
    { upstream: dev.url, storageDir: dev.storageDir },
    'OSS_ENDPOINT is not set: forwarding to the DEVELOPMENT STAND-IN (not OSS)',
  );
  return dev;
}

function urlOf(settings: Settings, port: number): string {
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return `${settings.tls ? 'https' : 'http'}://${host}:${port}`;
}

/** Drains one gateway server, then reports how it went. */
async function drainServer(running: RunningServer, settings: Settings, logger: Logger): Promise<void> {
  logger.info({ inFlight: running.drainer.inFlight, deadlineMs: settings.drainTimeoutMs }, 'draining');
  const result = await running.drainer.drain(settings.drainTimeoutMs);
  if (result.cutOff > 0) logger.warn(result, 'drain deadline passed: connections closed');
  else logger.info(result, 'drained');
}

/** `--workers 0`: everything in this process. */
async function runInProcess(settings: Settings, logger: Logger): Promise<void> {
  const metrics = createMetrics();
  const dev = await startStandIn(settings, logger);
  const metricsText = async () => ({
    contentType: metrics.registry.contentType,
    body: await metrics.registry.metrics(),
  });
  const running = await serveGateway(settings, gatewayOptions(settings, dev?.url), {
    logger,
    metrics,
    metricsText,
  });
  const ready = () => !running.drainer.draining;
  const admin =
    settings.adminPort !== undefined
      ? await serveAdmin(settings.adminHost, settings.adminPort, { ready, metrics: metricsText })
      : undefined;
  logger.info(
    { url: urlOf(settings, running.address.port), adminPort: admin ? portOf(admin) : undefined, workers: 0 },
    'gateway listening',
  );
  onSignals(logger, async (signal) => {
    logger.info({ signal }, 'stopping');
    await drainServer(running, settings, logger);
    admin?.close();
    await dev?.close();
    exit(logger, 0);
  });
}

function portOf(server: Server): number | undefined {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

/** A cluster worker: one gateway server on the shared port. */
async function runWorker(settings: Settings, logger: Logger): Promise<void> {
  const metrics = createMetrics();
  shareWithPrimary(metrics.registry);
  // /-/metrics on the gateway's port answers for the whole cluster: the primary aggregates.
  let nextId = 0;
  const pending = new Map<number, (message: Message) => void>();
  const metricsText = () =>
    new Promise<{ contentType: string; body: string }>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the primary did not answer'));
      }, 5000);
      pending.set(id, (message) => {
        clearTimeout(timer);
        resolve({ contentType: message.contentType ?? 'text/plain', body: message.body ?? '' });
      });
      process.send?.({ type: MSG.metricsRequest, id });
    });
  let running: RunningServer;
  try {
    running = await serveGateway(settings, gatewayOptions(settings, process.env[DEV_UPSTREAM_ENV]), {
      logger,
      metrics,
      metricsText,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'worker could not listen');
    exit(logger, 1);
  }
  logger.debug({ port: running.address.port }, 'worker listening');
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ why }, 'stopping');
    await drainServer(running, settings, logger);
    exit(logger, 0);
  };
  process.on('message', (message: Message) => {
    if (message?.type === MSG.drain) void stop('primary');
    else if (message?.type === MSG.metricsResponse && message.id !== undefined) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  // The primary is gone (killed): finish what is in flight and go too.
  process.on('disconnect', () => void stop('primary gone'));
  onSignals(logger, (signal) => void stop(signal));
}

/** The primary: starts the workers, replaces a crashed one, aggregates metrics, drains them all. */
async function runPrimary(settings: Settings, logger: Logger): Promise<void> {
  if (settings.limits !== undefined && settings.limitsRedisUrl === undefined && settings.workers > 1) {
    logger.warn(
      { workers: settings.workers },
      'rate limits in memory count per worker: the gateway lets through workers x each limit (set GATEWAY_LIMITS_REDIS_URL to share them)',
    );
  }
  const dev = await startStandIn(settings, logger);
  const aggregator = clusterAggregator();
  const env: Record<string, string> = {};
  if (dev) env[DEV_UPSTREAM_ENV] = dev.url;
  if (settings.allocatorTuning && process.env.GLIBC_TUNABLES === undefined)
    env.GLIBC_TUNABLES = STREAMING_GLIBC_TUNABLES;
  let draining = false;
  const listening = new Set<Worker>();
  const crashes: number[] = [];
  let announced = false;

  const fork = () => {
    const worker = cluster.fork(env);
    worker.on('listening', (address: { port: number }) => {
      listening.add(worker);
      if (!announced && listening.size === settings.workers) {
        announced = true;
        logger.info(
          {
            url: urlOf(settings, address.port),
            adminPort: admin ? portOf(admin) : undefined,
            workers: settings.workers,
            allocatorTuning: env.GLIBC_TUNABLES !== undefined,
          },
          'gateway listening',
        );
      }
    });
    worker.on('message', (message: Message) => {
      if (message?.type !== MSG.metricsRequest) return;
      const reply = (answer: Message) => {
        if (worker.isConnected()) worker.send(answer);
      };
      aggregator.clusterMetrics().then(
        (body) =>
          reply({ type: MSG.metricsResponse, id: message.id, body, contentType: aggregator.contentType }),
        (error: Error) => reply({ type: MSG.metricsResponse, id: message.id, body: `# ${error.message}\n` }),
      );
    });
    return worker;
  };

  const finish = async (code: number) => {
    admin?.close();
    await dev?.close();
    exit(logger, code);
  };

  const allExited = () => Object.keys(cluster.workers ?? {}).length === 0;
  const onExit = (worker: Worker, exitCode: number, signal: string, wasListening: boolean) => {
    if (draining) {
      if (allExited()) void finish(0);
      return;
    }
    logger.error({ workerPid: worker.process.pid, exitCode, signal }, 'worker exited');
    if (!wasListening) {
      // A worker that never listened (port taken, address not available): more would fail the same way.
      logger.fatal('a worker failed to start; stopping');
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGKILL');
      void finish(1);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && now - crashes[0]! > 60_000) crashes.shift();
    if (crashes.length > 10 * settings.workers) {
      logger.fatal({ crashesInLastMinute: crashes.length }, 'workers keep crashing; stopping');
      void finish(1);
      return;
    }
    fork();
  };
  cluster.on('exit', (worker, exitCode, signal) => {
    const wasListening = listening.delete(worker);
    // A signal sent to the whole process group reaches an idle worker, which drains in no time, a
    // moment before the primary's own handler runs: wait that moment before calling it a crash.
    if (draining) onExit(worker, exitCode, signal, wasListening);
    else setTimeout(() => onExit(worker, exitCode, signal, wasListening), 250);
  });

  const own = {
    ready: () => !draining && listening.size > 0,
    metrics: async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
  };
  const admin =
    settings.adminPort !== undefined
      ? await serveAdmin(settings.adminHost, settings.adminPort, own)
      : undefined;
  for (let i = 0; i < settings.workers; i++) fork();

  onSignals(
    logger,
    (signal) => {
      draining = true;
      logger.info({ signal, workers: listening.size }, 'stopping: draining every worker');
      for (const worker of Object.values(cluster.workers ?? {}))
        if (worker?.isConnected()) worker.send({ type: MSG.drain });
      // Workers end themselves at their deadline; this only catches one that cannot.
      setTimeout(() => {
        logger.warn('workers did not stop in time: killing them');
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        void finish(1);
      }, settings.drainTimeoutMs + 10_000).unref();
      if (allExited()) void finish(0);
    },
    // A second signal: the workers go too, at once.
    () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    },
  );
}

/** `oss-preflight gateway [flags]`. */
export async function gatewayCommand(argv: readonly string[]): Promise<void> {
  let settings: Settings;
  try {
    settings = readSettings(argv);
    if (!cluster.isWorker) checkBeforeStart(settings);
  } catch (error) {
    if (!(error instanceof SettingError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`oss-preflight gateway: ${error.message}\n`);
    process.exit(2);
  }
  const logger = createLogger(settings.logLevel);
  try {
    if (cluster.isWorker) await runWorker(settings, logger);
    else if (settings.workers === 0) await runInProcess(settings, logger);
    else await runPrimary(settings, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    exit(logger, 1);
  }
}
