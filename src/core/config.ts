import path from 'node:path';

/** One row per environment variable: the README's configuration table is checked against this list. */
interface Setting<T> {
  name: string;
  default: string | undefined;
  meaning: string;
  parse: (raw: string) => T;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    rule: string,
    raw: string,
  ) {
    super(`Configuration error: ${variable} ${rule} (got ${JSON.stringify(raw)})`);
  }
}

const int =
  (min: number, max: number) =>
  (raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new Error(`must be an integer from ${min} to ${max}`);
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`must be an integer from ${min} to ${max}`);
    return n;
  };

const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): T => {
    if (!(values as string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
    return raw as T;
  };

const bool = (raw: string): boolean => {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error('must be true or false');
};

const text = (raw: string): string => raw;

const postgresUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL such as postgres://user@host:5432/db');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('must start with postgres:// or postgresql://');
  }
  return raw;
};

const httpUrl = (raw: string): string => {
  if (!/^https?:\/\/[^\s]+$/.test(raw) || !URL.canParse(raw)) throw new Error('must be an http:// or https:// URL');
  return raw;
};

/** An origin (scheme, host, port) without a path: what browsers and other systems call the server by. */
const origin = (raw: string): string => {
  const url = URL.parse(httpUrl(raw));
  if (!url || url.pathname !== '/' || url.search || url.hash || url.username) throw new Error('must be http(s)://host[:port] with no path, query or user');
  return url.origin;
};

const key32 = (raw: string): Buffer => {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('must be 32 bytes in base64 (openssl rand -base64 32)');
  return key;
};

export const settings = {
  NODE_ENV: {
    name: 'NODE_ENV',
    default: 'development',
    meaning: 'development, test or production; production never seeds demo data and hides the dev pages',
    parse: oneOf('development', 'test', 'production'),
  },
  PORT: { name: 'PORT', default: '3000', meaning: 'HTTP port', parse: int(0, 65535) },
  HOST: { name: 'HOST', default: '127.0.0.1', meaning: 'address to listen on (0.0.0.0 for all)', parse: text },
  PUBLIC_URL: {
    name: 'PUBLIC_URL',
    default: 'http://127.0.0.1:${PORT}',
    meaning: 'the address users and other systems reach the server by (no path); the OpenID Connect issuer is PUBLIC_URL/oidc; https in production',
    parse: origin,
  },
  DATA_DIR: {
    name: 'DATA_DIR',
    default: './data',
    meaning: 'embedded database (DATA_DIR/pg) and blob store (DATA_DIR/blobs)',
    parse: (raw: string) => path.resolve(raw),
  },
  DATABASE_URL: {
    name: 'DATABASE_URL',
    default: undefined,
    meaning: 'PostgreSQL server URL; unset means the embedded PGlite database in DATA_DIR',
    parse: postgresUrl,
  },
  LOG_LEVEL: {
    name: 'LOG_LEVEL',
    default: 'info',
    meaning: 'fatal, error, warn, info, debug, trace or silent',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  TRUST_PROXY: {
    name: 'TRUST_PROXY',
    default: 'false',
    meaning: 'true behind a TLS-terminating proxy: client address and https are taken from X-Forwarded-*',
    parse: bool,
  },
  SESSION_HOURS: {
    name: 'SESSION_HOURS',
    default: '8',
    meaning: 'staff session lifetime in hours (idle sessions end earlier, see SESSION_IDLE_MINUTES)',
    parse: int(1, 72),
  },
  SESSION_IDLE_MINUTES: {
    name: 'SESSION_IDLE_MINUTES',
    default: '30',
    meaning: 'a session unused this long ends',
    parse: int(1, 24 * 60),
  },
  UPLOAD_MAX_BYTES: {
    name: 'UPLOAD_MAX_BYTES',
    default: String(20 * 1024 * 1024),
    meaning: 'largest accepted upload in bytes',
    parse: int(1024, 1024 * 1024 * 1024),
  },
  CASE_WARN_DAYS: {
    name: 'CASE_WARN_DAYS',
    default: '2',
    meaning: 'a running case turns yellow when this many working days or fewer are left to its promised deadline',
    parse: int(0, 30),
  },
  CASE_SWEEP_SECONDS: {
    name: 'CASE_SWEEP_SECONDS',
    default: '300',
    meaning: 'how often cases neither accepted nor answered within 5 working days are deemed accepted (0 turns the sweep off)',
    parse: int(0, 86400),
  },
  SMS_GATEWAY_URL: {
    name: 'SMS_GATEWAY_URL',
    default: undefined,
    meaning: 'the SMS gateway (contract in docs/adapters.md); unset outside production means the dev mailbox at /dev/mailbox',
    parse: httpUrl,
  },
  SMS_GATEWAY_TOKEN: {
    name: 'SMS_GATEWAY_TOKEN',
    default: undefined,
    meaning: 'bearer token for SMS_GATEWAY_URL',
    parse: text,
  },
  DATA_KEY: {
    name: 'DATA_KEY',
    default: undefined,
    meaning: 'base64 of 32 random bytes: encrypts ID numbers at rest and keys their look-up hash; unset outside production means a fixed development key',
    parse: key32,
  },
  IDV_URL: {
    name: 'IDV_URL',
    default: undefined,
    meaning: 'the identity-verification service (name + ID number; contract in docs/adapters.md); unset outside production means the development verifier',
    parse: httpUrl,
  },
  IDV_TOKEN: {
    name: 'IDV_TOKEN',
    default: undefined,
    meaning: 'bearer token for IDV_URL',
    parse: text,
  },
  MARKET_REGISTRY_URL: {
    name: 'MARKET_REGISTRY_URL',
    default: undefined,
    meaning: 'the market-registration system (enterprise facts by credit code; contract in docs/adapters.md); unset outside production means the development registry',
    parse: httpUrl,
  },
  MARKET_REGISTRY_TOKEN: {
    name: 'MARKET_REGISTRY_TOKEN',
    default: undefined,
    meaning: 'bearer token for MARKET_REGISTRY_URL',
    parse: text,
  },
  SEED_DEMO: {
    name: 'SEED_DEMO',
    default: 'true',
    meaning: 'seed demo data into an empty database at start (ignored in production)',
    parse: bool,
  },
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof settings;
export type Config = {
  [K in keyof Settings]: Settings[K]['default'] extends string
    ? ReturnType<Settings[K]['parse']>
    : ReturnType<Settings[K]['parse']> | undefined;
};

/** Reads and validates every setting; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const s of Object.values(settings) as Setting<unknown>[]) {
    const given = env[s.name];
    // A default may name a setting above it: ${PORT}.
    const raw = given === undefined || given === '' ? s.default?.replace(/\$\{(\w+)\}/g, (_, name: string) => String(out[name])) : given;
    if (raw === undefined) {
      out[s.name] = undefined;
      continue;
    }
    try {
      out[s.name] = s.parse(raw);
    } catch (e) {
      throw new ConfigError(s.name, (e as Error).message, raw);
    }
  }
  const config = out as Config;
  // Adapters to national services have no development stand-in in production.
  if (config.NODE_ENV === 'production' && !config.SMS_GATEWAY_URL) {
    throw new ConfigError('SMS_GATEWAY_URL', 'is required in production', '');
  }
  if (config.SMS_GATEWAY_URL && !config.SMS_GATEWAY_TOKEN) {
    throw new ConfigError('SMS_GATEWAY_TOKEN', 'is required when SMS_GATEWAY_URL is set', '');
  }
  if (config.NODE_ENV === 'production' && !config.IDV_URL) throw new ConfigError('IDV_URL', 'is required in production', '');
  if (config.IDV_URL && !config.IDV_TOKEN) throw new ConfigError('IDV_TOKEN', 'is required when IDV_URL is set', '');
  if (config.NODE_ENV === 'production' && !config.MARKET_REGISTRY_URL) throw new ConfigError('MARKET_REGISTRY_URL', 'is required in production', '');
  if (config.MARKET_REGISTRY_URL && !config.MARKET_REGISTRY_TOKEN) throw new ConfigError('MARKET_REGISTRY_TOKEN', 'is required when MARKET_REGISTRY_URL is set', '');
  if (config.NODE_ENV === 'production' && !config.DATA_KEY) throw new ConfigError('DATA_KEY', 'is required in production', '');
  if (config.NODE_ENV === 'production' && !config.PUBLIC_URL.startsWith('https://')) throw new ConfigError('PUBLIC_URL', 'must be https:// in production', config.PUBLIC_URL);
  return config;
}

/** For tests: a valid config with overrides, independent of the process environment. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...overrides });
}
