/**
 * A login history (staff: /api/auth/logins, persons: /api/persons/me/logins), newest first, as a
 * list that reads well on a phone. A server without the route (404) shows the empty state.
 */
import { Empty, Tag } from 'antd';
import { methodOf, outcomeOf, type LoginMethod, type LoginOutcome } from '../accountRules.ts';
import type { MessageKey } from '../i18n.ts';
import { usePrefs } from '../prefs.tsx';
import type { Items, LoginEvent } from '../types.ts';
import { useApi } from '../useApi.ts';
import { Loading, ProblemAlert } from './feedback.tsx';

const OUTCOME: Record<LoginOutcome, { label: MessageKey; color: string | undefined; className?: string }> = {
  login: { label: 'logins.login', color: 'blue' },
  failed: { label: 'logins.failed', color: undefined, className: 'tag-bad' },
  logout: { label: 'logins.logout', color: undefined },
  locked: { label: 'logins.locked', color: undefined, className: 'tag-bad' },
  other: { label: 'logins.other', color: undefined },
};

const METHOD: Record<LoginMethod, MessageKey> = {
  smsCode: 'logins.method.smsCode',
  totp: 'logins.method.totp',
  password: 'logins.method.password',
};

export function LoginHistory({ path, limit = 20 }: { path: string; limit?: number }) {
  const { t, lang } = usePrefs();
  const list = useApi<Items<LoginEvent>>(path);
  if (list.loading) return <Loading />;
  if (list.error && list.error.status !== 404) return <ProblemAlert error={list.error} />;
  const items = (list.data?.items ?? []).slice(0, limit);
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logins.empty')} />;
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <ol className="login-history" data-testid="login-history">
      {items.map((e, i) => {
        const outcome = OUTCOME[outcomeOf(e.action)];
        const method = methodOf(e.method);
        return (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at}>{time.format(new Date(e.at))}</time>
            <span className="login-history__what">
              <Tag color={outcome.color} className={outcome.className}>{outcome.label === 'logins.other' ? e.action : t(outcome.label)}</Tag>
              {method && <span>{t(METHOD[method])}</span>}
            </span>
            <span className="login-history__ip">{e.clientIp ?? t('logins.ipUnknown')}</span>
          </li>
        );
      })}
    </ol>
  );
}
