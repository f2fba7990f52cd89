import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', NODE_ENV: 'development', DATABASE_URL: undefined, SEED_DEMO: true });
    expect(c.DATA_DIR).toMatch(/data$/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['NODE_ENV', 'prod'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['TRUST_PROXY', 'yes'],
    ['LOG_LEVEL', 'loud'],
    ['SESSION_HOURS', '0'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as ConfigError).message).toMatch(new RegExp(`^Configuration error: ${name} .+ \\(got "${value}"\\)$`));
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('derives PUBLIC_URL from PORT by default and takes an origin without a path', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://zwfw.example.gov.cn/' }).PUBLIC_URL).toBe('https://zwfw.example.gov.cn');
    for (const bad of ['https://zwfw.example.gov.cn/platform', 'ftp://x', 'zwfw.example.gov.cn']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/^Configuration error: PUBLIC_URL /);
    }
  });
});
