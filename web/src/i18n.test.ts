import { describe, expect, it } from 'vitest';
import { messages, translate, type MessageKey } from './i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
  });

  it('has no empty text in either language', () => {
    for (const lang of ['zh', 'en'] as const) {
      const empty = Object.entries(messages[lang]).filter(([, text]) => !text.trim());
      expect(empty, `${lang} has empty texts`).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const differing = (Object.keys(messages.zh) as MessageKey[]).filter(
      (key) => placeholders(messages.zh[key]).join() !== placeholders(messages.en[key]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'common.total', { total: 3 })).toBe('共 3 条');
    expect(translate('en', 'common.total', { total: 3 })).toBe('3 in all');
    expect(translate('en', 'common.total')).toBe('{total} in all');
  });
});
