/** My account: the single sign-on applications I have authorized, each with "revoke" (confirmed). */
import { App, Button, Card, Empty, Popconfirm } from 'antd';
import { usePrefs } from '../prefs.tsx';
import type { AuthorizedApplication, Items } from '../types.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { toApiError, useApi } from '../useApi.ts';
import { usePerson } from './personContext.tsx';

export function ApplicationsCard() {
  const { t, lang } = usePrefs();
  const { remove } = usePerson();
  const { message } = App.useApp();
  const list = useApi<Items<AuthorizedApplication>>('/api/persons/me/applications');
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  const revoke = async (a: AuthorizedApplication) => {
    try {
      await remove(`/api/persons/me/applications/${encodeURIComponent(a.clientId)}`);
      message.success(t('apps.revoked', { name: a.clientName }));
      list.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  let body;
  if (list.loading) body = <Loading />;
  else if (list.error) body = <ProblemAlert error={list.error} />;
  else if (!list.data?.items.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('apps.none')} />;
  else {
    body = (
      <ul className="plain-list" data-testid="applications">
        {list.data.items.map((a) => (
          <li key={a.clientId} className="plain-list__item">
            <div>
              <strong>{a.clientName}</strong>
              <p className="muted">{t('apps.scopes', { scopes: a.scopes.join(' ') })}</p>
              <p className="muted">{t('apps.grantedAt', { time: time.format(new Date(a.grantedAt)) })}</p>
            </div>
            <Popconfirm
              title={t('apps.confirmRevoke', { name: a.clientName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => revoke(a)}
            >
              <Button danger>{t('apps.revoke')}</Button>
            </Popconfirm>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <Card title={<h2 className="card-title">{t('apps.title')}</h2>} data-testid="applications-card">
      <p className="page-lead">{t('apps.lead')}</p>
      {body}
    </Card>
  );
}
