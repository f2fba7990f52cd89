import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settings } from '../src/core/config.ts';
import { ROLES } from '../src/core/permissions.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('opens with the two commands: start with demo data, run the tests', () => {
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('npm ci && npm start');
    expect(firstBlock).toContain('npm ci && npm test');
  });

  it('documents every configuration variable with its default', () => {
    for (const s of Object.values(settings)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${s.name}\` |`));
      expect(row, s.name).toBeDefined();
      expect(row, s.name).toContain(s.default === undefined ? '(unset)' : `\`${s.default}\``);
      expect(row, s.name).toContain(s.meaning);
    }
  });

  it('lists a demo account per role at province level and in 武汉市', () => {
    for (const role of ROLES) {
      expect(readme).toContain(`\`${role}.hubei\``);
      expect(readme).toContain(`\`${role}.wuhan\``);
    }
  });
});
