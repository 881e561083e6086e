import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_BOUNDS, type GatewayBounds } from '../http/bounds';
import { DEFAULT_XML_BODY_LIMIT } from '../http/read-body';
import { DEFAULT_UPSTREAM_TIMEOUTS, type UpstreamTimeouts } from '../http/upstream-timeouts';
import { builtInRules } from '../rules';

/** A setting the command takes, by flag and by environment variable (the flag wins). */
export type SettingSpec = {
  readonly name: string;
  /** Without the leading dashes; undefined for a secret, which is never a flag (flags show in `ps`). */
  readonly flag: string | undefined;
  readonly env: string;
  readonly type: 'string' | 'integer' | 'boolean' | 'choice' | 'list';
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** As shown in --help and the README. */
  readonly defaultText: string;
  readonly help: string;
  readonly group: string;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const ms = (value: number) => `${value.toLocaleString('en-US')}`;

const boundSpec = (name: keyof GatewayBounds, flag: string, help: string): SettingSpec => ({
  name: `bounds.${String(name)}`,
  flag,
  env: `GATEWAY_${flag.toUpperCase().replace(/-/g, '_')}`,
  type: 'integer',
  min:
    flag === 'max-connections' || flag === 'max-concurrent-uploads' || flag === 'min-body-bytes-per-second'
      ? 0
      : 1,
  defaultText: ms(DEFAULT_BOUNDS[name]),
  help,
  group: 'Client limits',
});

const upstreamSpec = (name: keyof UpstreamTimeouts, flag: string, help: string): SettingSpec => ({
  name: `upstreamTimeouts.${name}`,
  flag,
  env: `GATEWAY_${flag.toUpperCase().replace(/-/g, '_')}`,
  type: 'integer',
  min: 1,
  defaultText: ms(DEFAULT_UPSTREAM_TIMEOUTS[name]),
  help,
  group: 'Upstream',
});

/** Every setting of `oss-preflight gateway`, in the order --help and the README list them. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    name: 'host',
    flag: 'host',
    env: 'HOST',
    type: 'string',
    defaultText: '127.0.0.1',
    help: 'address to listen on',
    group: 'Listening',
  },
  {
    name: 'port',
    flag: 'port',
    env: 'PORT',
    type: 'integer',
    min: 0,
    max: 65535,
    defaultText: '8080',
    help: 'port to listen on (0: any free port)',
    group: 'Listening',
  },
  {
    name: 'tlsKey',
    flag: 'tls-key',
    env: 'GATEWAY_TLS_KEY',
    type: 'string',
    defaultText: 'none (HTTP)',
    help: 'PEM private key file: serve HTTPS (with --tls-cert)',
    group: 'Listening',
  },
  {
    name: 'tlsCert',
    flag: 'tls-cert',
    env: 'GATEWAY_TLS_CERT',
    type: 'string',
    defaultText: 'none (HTTP)',
    help: 'PEM certificate (chain) file: serve HTTPS (with --tls-key)',
    group: 'Listening',
  },
  {
    name: 'domains',
    flag: 'domain',
    env: 'GATEWAY_DOMAIN',
    type: 'list',
    defaultText: 'none',
    help: 'extra domain(s) for virtual-hosted requests (bucket.<domain>), comma-separated',
    group: 'Listening',
  },
  {
    name: 'workers',
    flag: 'workers',
    env: 'GATEWAY_WORKERS',
    type: 'integer',
    min: 0,
    max: 256,
    defaultText: 'available cores',
    help: "worker processes sharing the port (node:cluster); 0 runs the gateway in the command's own process",
    group: 'Processes',
  },
  {
    name: 'adminPort',
    flag: 'admin-port',
    env: 'GATEWAY_ADMIN_PORT',
    type: 'integer',
    min: 0,
    max: 65535,
    defaultText: 'none',
    help: 'also serve /-/healthz, /-/readyz and /-/metrics on this port',
    group: 'Processes',
  },
  {
    name: 'adminHost',
    flag: 'admin-host',
    env: 'GATEWAY_ADMIN_HOST',
    type: 'string',
    defaultText: 'the --host value',
    help: 'address of the admin port',
    group: 'Processes',
  },
  {
    name: 'drainTimeoutMs',
    flag: 'drain-timeout-ms',
    env: 'GATEWAY_DRAIN_TIMEOUT_MS',
    type: 'integer',
    min: 0,
    defaultText: '30,000',
    help: 'on SIGTERM/SIGINT, how long requests in flight may take to finish',
    group: 'Processes',
  },
  {
    name: 'allocatorTuning',
    flag: 'allocator-tuning',
    env: 'GATEWAY_ALLOCATOR_TUNING',
    type: 'choice',
    choices: ['on', 'off'],
    defaultText: 'on',
    help: 'start workers with glibc malloc settings that suit streaming (GLIBC_TUNABLES; an explicit GLIBC_TUNABLES wins)',
    group: 'Processes',
  },
  {
    name: 'logLevel',
    flag: 'log-level',
    env: 'GATEWAY_LOG_LEVEL',
    type: 'choice',
    choices: LOG_LEVELS,
    defaultText: 'info',
    help: 'log level; one JSON line per request at info',
    group: 'Processes',
  },
  {
    name: 'endpoint',
    flag: 'endpoint',
    env: 'OSS_ENDPOINT',
    type: 'string',
    defaultText: 'a local development stand-in (not OSS)',
    help: 'upstream URL, e.g. https://oss-cn-hangzhou.aliyuncs.com',
    group: 'Upstream',
  },
  {
    name: 'region',
    flag: 'region',
    env: 'OSS_REGION',
    type: 'string',
    defaultText: 'from an oss-<region> endpoint, else cn-hangzhou',
    help: 'region for V4 signatures',
    group: 'Upstream',
  },
  {
    name: 'accessKeyId',
    flag: 'access-key-id',
    env: 'OSS_ACCESS_KEY_ID',
    type: 'string',
    defaultText: 'none (with the stand-in: a development key)',
    help: 'the key unsigned requests are signed with',
    group: 'Upstream',
  },
  {
    name: 'accessKeySecret',
    flag: undefined,
    env: 'OSS_ACCESS_KEY_SECRET',
    type: 'string',
    defaultText: 'none',
    help: 'its secret (environment only)',
    group: 'Upstream',
  },
  {
    name: 'accessKeySecretFile',
    flag: 'access-key-secret-file',
    env: 'OSS_ACCESS_KEY_SECRET_FILE',
    type: 'string',
    defaultText: 'none',
    help: 'or a file holding the secret',
    group: 'Upstream',
  },
  {
    name: 'signatureVersion',
    flag: 'signature-version',
    env: 'GATEWAY_SIGNATURE_VERSION',
    type: 'choice',
    choices: ['v4', 'v1'],
    defaultText: 'v4',
    help: 'signature for the requests the gateway signs',
    group: 'Upstream',
  },
  upstreamSpec(
    'connectTimeoutMs',
    'upstream-connect-timeout-ms',
    'connect (and TLS handshake) to the upstream; then 504',
  ),
  upstreamSpec(
    'responseTimeoutMs',
    'upstream-response-timeout-ms',
    'longest the upstream may keep the gateway waiting (first byte, next byte, reading the body); then 504, or the client connection closed',
  ),
  upstreamSpec(
    'idleSocketTimeoutMs',
    'upstream-idle-socket-timeout-ms',
    'an unused keep-alive connection to the upstream is closed after this',
  ),
  {
    name: 'policy',
    flag: 'policy',
    env: 'GATEWAY_POLICY',
    type: 'string',
    defaultText: 'none: only loopback clients get requests signed',
    help: 'JSON file { "clients": [...] }: bearer tokens and what each may have signed',
    group: 'Authorization',
  },
  {
    name: 'allowAnonymous',
    flag: 'allow-anonymous',
    env: 'GATEWAY_ALLOW_ANONYMOUS',
    type: 'boolean',
    defaultText: 'off',
    help: 'sign for every client that can connect (only behind your own authentication)',
    group: 'Authorization',
  },
  {
    name: 'unknownKeys',
    flag: 'unknown-keys',
    env: 'GATEWAY_UNKNOWN_KEYS',
    type: 'choice',
    choices: ['reject', 'forward'],
    defaultText: 'reject',
    help: 'a request signed with a key the gateway does not know: refuse (InvalidAccessKeyId) or forward',
    group: 'Authorization',
  },
  {
    name: 'limits',
    flag: 'limits',
    env: 'GATEWAY_LIMITS',
    type: 'string',
    defaultText: 'none',
    help: 'JSON file { "rules": [...], "bandwidth", "failOpen" }: requests and bytes per second per access key, bucket, client address or operation class (docs/limits.md)',
    group: 'Rate limits',
  },
  {
    name: 'limitsRedisUrl',
    flag: undefined,
    env: 'GATEWAY_LIMITS_REDIS_URL',
    type: 'string',
    defaultText: 'none: each process counts in its own memory',
    help: 'redis:// URL of the store that every gateway process and machine shares for --limits (it may hold a password, so it has no flag)',
    group: 'Rate limits',
  },
  {
    name: 'disable',
    flag: 'disable',
    env: 'GATEWAY_DISABLE_RULES',
    type: 'list',
    defaultText: 'none',
    help: 'rule ids or families to turn off, comma-separated (docs/rules.md)',
    group: 'Validation',
  },
  {
    name: 'maxXmlBodyBytes',
    flag: 'max-xml-body-bytes',
    env: 'GATEWAY_MAX_XML_BODY_BYTES',
    type: 'integer',
    min: 1,
    defaultText: ms(DEFAULT_XML_BODY_LIMIT),
    help: 'cap on XML bodies read for validation',
    group: 'Validation',
  },
  boundSpec('headersTimeoutMs', 'headers-timeout-ms', 'request line and headers must arrive within this'),
  boundSpec(
    'bodyIdleTimeoutMs',
    'body-idle-timeout-ms',
    'a body that sends nothing for this long is cut off (RequestTimeout)',
  ),
  boundSpec(
    'minBodyBytesPerSecond',
    'min-body-bytes-per-second',
    'slowest body accepted, averaged over the idle timeout; 0: off',
  ),
  boundSpec(
    'maxRequestsPerConnection',
    'max-requests-per-connection',
    'requests on one keep-alive connection',
  ),
  boundSpec(
    'keepAliveTimeoutMs',
    'keep-alive-timeout-ms',
    'idle keep-alive client connection closed after this',
  ),
  boundSpec('maxConnections', 'max-connections', 'open client connections per process; 0: no cap'),
  boundSpec(
    'maxConcurrentUploads',
    'max-concurrent-uploads',
    'bodies streaming at once per process (503 beyond); 0: no cap',
  ),
  boundSpec('maxUploadBytes', 'max-upload-bytes', "largest body of one request (at most OSS's 5 GiB)"),
];

/** The settings as the gateway uses them. */
export type Settings = {
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly key: Buffer; readonly cert: Buffer } | undefined;
  readonly domains: readonly string[];
  readonly workers: number;
  readonly adminPort: number | undefined;
  readonly adminHost: string;
  readonly drainTimeoutMs: number;
  readonly allocatorTuning: boolean;
  readonly logLevel: LogLevel;
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string } | undefined;
  readonly signatureVersion: 'v1' | 'v4';
  readonly upstreamTimeouts: UpstreamTimeouts;
  readonly policy: { readonly file: string; readonly document: unknown } | undefined;
  readonly allowAnonymous: boolean;
  readonly unknownKeys: 'reject' | 'forward';
  readonly disable: readonly string[];
  readonly maxXmlBodyBytes: number;
  readonly bounds: GatewayBounds;
  readonly limits: { readonly file: string; readonly document: unknown } | undefined;
  readonly limitsRedisUrl: string | undefined;
};

/** A setting with a bad value: the message names the flag and the variable. */
export class SettingError extends Error {
  constructor(spec: SettingSpec | undefined, message: string) {
    super(spec ? `${label(spec)}: ${message}` : message);
    this.name = 'SettingError';
  }
}

export function label(spec: SettingSpec): string {
  return spec.flag ? `--${spec.flag} (${spec.env})` : spec.env;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

function specOf(name: string): SettingSpec {
  const spec = SETTINGS.find((s) => s.name === name);
  if (!spec) throw new Error(`no setting ${name}`);
  return spec;
}

/** The raw text of each setting: the flag's, else the variable's; an empty variable counts as unset. */
function rawValues(argv: readonly string[], env: NodeJS.ProcessEnv): Map<string, string | boolean> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const spec of SETTINGS) {
    if (spec.flag) options[spec.flag] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new SettingError(
      undefined,
      `${(error as Error).message} (oss-preflight gateway --help lists the settings)`,
    );
  }
  const raw = new Map<string, string | boolean>();
  for (const spec of SETTINGS) {
    const fromFlag = spec.flag ? parsed.values[spec.flag] : undefined;
    const fromEnv = env[spec.env];
    if (fromFlag !== undefined) raw.set(spec.name, fromFlag as string | boolean);
    else if (fromEnv !== undefined && fromEnv !== '') raw.set(spec.name, fromEnv);
  }
  return raw;
}

function integer(spec: SettingSpec, text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = spec.max !== undefined ? `from ${min} to ${max}` : `of at least ${min}`;
    throw new SettingError(spec, `must be an integer ${range}, got "${text}"`);
  }
  return value;
}

function readSettingFile(spec: SettingSpec, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new SettingError(
      spec,
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Reads and checks every setting; throws a SettingError naming the first bad one. */
export function readSettings(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Settings {
  const raw = rawValues(argv, env);
  const text = (name: string): string | undefined => {
    const value = raw.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const int = (name: string, fallback: number): number => {
    const value = text(name);
    return value === undefined ? fallback : integer(specOf(name), value);
  };
  const optionalInt = (name: string): number | undefined => {
    const value = text(name);
    return value === undefined ? undefined : integer(specOf(name), value);
  };
  const choice = <T extends string>(name: string, fallback: T): T => {
    const value = text(name);
    if (value === undefined) return fallback;
    const spec = specOf(name);
    if (!spec.choices?.includes(value))
      throw new SettingError(spec, `must be one of ${spec.choices?.join(', ')}, got "${value}"`);
    return value as T;
  };
  const bool = (name: string): boolean => {
    const value = raw.get(name);
    if (value === undefined || typeof value === 'boolean') return value === true;
    if (TRUE.has(value.toLowerCase())) return true;
    if (FALSE.has(value.toLowerCase())) return false;
    throw new SettingError(specOf(name), `must be 1 or 0 (true/false), got "${value}"`);
  };
  const list = (name: string): string[] =>
    (text(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const host = text('host') ?? '127.0.0.1';
  const tlsKeyFile = text('tlsKey');
  const tlsCertFile = text('tlsCert');
  if ((tlsKeyFile === undefined) !== (tlsCertFile === undefined)) {
    throw new SettingError(
      specOf(tlsKeyFile === undefined ? 'tlsKey' : 'tlsCert'),
      'HTTPS needs both --tls-key and --tls-cert',
    );
  }
  const tls =
    tlsKeyFile !== undefined && tlsCertFile !== undefined
      ? {
          key: readSettingFile(specOf('tlsKey'), tlsKeyFile),
          cert: readSettingFile(specOf('tlsCert'), tlsCertFile),
        }
      : undefined;

  const endpoint = text('endpoint');
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new SettingError(specOf('endpoint'), `must be an http: or https: URL, got "${endpoint}"`);
  }

  const accessKeyId = text('accessKeyId');
  const secretFile = text('accessKeySecretFile');
  const secretFromEnv = text('accessKeySecret');
  if (secretFile !== undefined && secretFromEnv !== undefined)
    throw new SettingError(
      specOf('accessKeySecretFile'),
      'give the secret in OSS_ACCESS_KEY_SECRET or in a file, not both',
    );
  const accessKeySecret =
    secretFile !== undefined
      ? readSettingFile(specOf('accessKeySecretFile'), secretFile).toString('utf8').trim()
      : secretFromEnv;
  if ((accessKeyId === undefined) !== (accessKeySecret === undefined) || accessKeySecret === '') {
    const missing = accessKeyId === undefined ? specOf('accessKeyId') : specOf('accessKeySecret');
    throw new SettingError(
      missing,
      'a key needs both OSS_ACCESS_KEY_ID and its secret (OSS_ACCESS_KEY_SECRET or --access-key-secret-file)',
    );
  }

  const limitsFile = text('limits');
  let limits: Settings['limits'];
  if (limitsFile !== undefined) {
    const spec = specOf('limits');
    const content = readSettingFile(spec, limitsFile).toString('utf8');
    try {
      limits = { file: limitsFile, document: JSON.parse(content) };
    } catch (error) {
      throw new SettingError(spec, `${limitsFile} is not JSON: ${(error as Error).message}`);
    }
  }
  const limitsRedisUrl = text('limitsRedisUrl');
  if (limitsRedisUrl !== undefined && !/^rediss?:\/\//.test(limitsRedisUrl)) {
    throw new SettingError(specOf('limitsRedisUrl'), 'must be a redis:// or rediss:// URL');
  }
  if (limitsRedisUrl !== undefined && limits === undefined) {
    throw new SettingError(specOf('limitsRedisUrl'), 'is the store of --limits, which is not set');
  }
  const policyFile = text('policy');
  let policy: Settings['policy'];
  if (policyFile !== undefined) {
    const spec = specOf('policy');
    const content = readSettingFile(spec, policyFile).toString('utf8');
    try {
      policy = { file: policyFile, document: JSON.parse(content) };
    } catch (error) {
      throw new SettingError(spec, `${policyFile} is not JSON: ${(error as Error).message}`);
    }
  }

  const disable = list('disable');
  const known = new Set(builtInRules.flatMap((rule) => [rule.id, rule.family]));
  for (const id of disable) {
    if (!known.has(id))
      throw new SettingError(specOf('disable'), `"${id}" is neither a rule id nor a family (docs/rules.md)`);
  }

  const bounds: Record<string, number> = {};
  const upstreamTimeouts: Record<string, number> = {};
  for (const spec of SETTINGS) {
    const [group, key] = spec.name.split('.');
    if (key === undefined) continue;
    const value = optionalInt(spec.name);
    if (value === undefined) continue;
    if (group === 'bounds') bounds[key] = value;
    else upstreamTimeouts[key] = value;
  }
  if (bounds.maxUploadBytes !== undefined && bounds.maxUploadBytes > DEFAULT_BOUNDS.maxUploadBytes) {
    throw new SettingError(
      specOf('bounds.maxUploadBytes'),
      `cannot exceed OSS's own ${DEFAULT_BOUNDS.maxUploadBytes}`,
    );
  }

  return {
    host,
    port: int('port', 8080),
    tls,
    domains: list('domains'),
    workers: int('workers', availableParallelism()),
    adminPort: optionalInt('adminPort'),
    adminHost: text('adminHost') ?? host,
    drainTimeoutMs: int('drainTimeoutMs', 30_000),
    allocatorTuning: choice('allocatorTuning', 'on') === 'on',
    logLevel: choice<LogLevel>('logLevel', 'info'),
    endpoint,
    region: text('region'),
    credentials:
      accessKeyId !== undefined && accessKeySecret !== undefined
        ? { accessKeyId, accessKeySecret }
        : undefined,
    signatureVersion: choice<'v1' | 'v4'>('signatureVersion', 'v4'),
    upstreamTimeouts,
    policy,
    allowAnonymous: bool('allowAnonymous'),
    unknownKeys: choice<'reject' | 'forward'>('unknownKeys', 'reject'),
    disable,
    maxXmlBodyBytes: int('maxXmlBodyBytes', DEFAULT_XML_BODY_LIMIT),
    bounds,
    limits,
    limitsRedisUrl,
  };
}
