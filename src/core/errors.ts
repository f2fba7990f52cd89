/** RFC 9457 problem details. Every error that reaches a client is one of these. */

/** Text for a user, in both of the platform's languages; the response picks one. */
export interface Text {
  zh: string;
  en: string;
}

export interface FieldError {
  /** Path of the bad field, e.g. `name` or `windows/2/number`. */
  field: string;
  /** The rule that failed: required, maxLength, pattern, format, unique, … */
  rule: string;
  message: Text;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(text.en);
  }
}

export const notFound = (zh: string, en: string) =>
  new Problem(404, 'not-found', { zh: `${zh}不存在`, en: `${en} not found` });
export const forbidden = (
  text: Text = { zh: '没有执行此操作的权限', en: 'you do not have the permission this needs' },
) => new Problem(403, 'forbidden', text);
export const unauthorized = () =>
  new Problem(401, 'unauthorized', { zh: '请先登录', en: 'log in first' });
export const invalid = (errors: FieldError[]) =>
  new Problem(
    400,
    'validation',
    {
      zh: errors.map((e) => `${e.field}：${e.message.zh}`).join('；'),
      en: errors.map((e) => `${e.field}: ${e.message.en}`).join('; '),
    },
    errors,
  );
export const fieldError = (field: string, rule: string, zh: string, en: string) =>
  invalid([{ field, rule, message: { zh, en } }]);
/** Optimistic concurrency: the client's version is not the stored one. */
export const versionConflict = (current: unknown) =>
  new Problem(
    409,
    'version-conflict',
    { zh: '数据已被他人修改，请刷新后重试', en: 'someone else changed this first; reload and try again' },
    [],
    { current },
  );
export const conflict = (zh: string, en: string, errors: FieldError[] = []) =>
  new Problem(409, 'conflict', { zh, en }, errors);
