/**
 * The dev mailbox: the SMS the platform would have sent (development and test servers have no
 * gateway), newest first. Production has no such route: the page then says so.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Result, Tag } from 'antd';
import type { MessageKey } from '../i18n.ts';
import { usePrefs } from '../prefs.tsx';
import type { Mailbox } from '../types.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';

const PURPOSES: Record<string, MessageKey> = {
  'register-code': 'mailbox.purpose.register-code',
  'login-code': 'mailbox.purpose.login-code',
};

export function DevMailboxPage() {
  const { t, lang } = usePrefs();
  const mailbox = useApi<Mailbox>('/api/dev/mailbox?limit=50');

  if (mailbox.error?.status === 404) {
    return (
      <>
        <PageHeader title={t('mailbox.title')} />
        <Result status="info" title={t('mailbox.unavailable')} subTitle={t('mailbox.unavailableDetail')} data-testid="mailbox-unavailable" />
      </>
    );
  }

  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
  const items = mailbox.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('mailbox.title')}
        lead={t('mailbox.lead')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={mailbox.reload} loading={mailbox.loading} data-testid="mailbox-refresh">
            {t('mailbox.refresh')}
          </Button>
        }
      />
      {mailbox.data && <Alert type="warning" showIcon banner title={mailbox.data.notice} className="mailbox-notice" data-testid="mailbox-notice" />}
      {mailbox.error && <ProblemAlert error={mailbox.error} />}
      {mailbox.loading && !mailbox.data && <Loading />}
      {mailbox.data &&
        (items.length ? (
          <ol className="mailbox" data-testid="mailbox">
            {items.map((m) => (
              <li key={m.id}>
                <Card size="small" data-testid="mailbox-message">
                  <p className="mailbox__meta">
                    <time dateTime={m.createdAt}>{time.format(new Date(m.createdAt))}</time>
                    <span data-testid="mailbox-recipient">{t('mailbox.to', { number: m.recipient })}</span>
                    <Tag>{PURPOSES[m.purpose] ? t(PURPOSES[m.purpose]!) : m.purpose}</Tag>
                  </p>
                  <p className="mailbox__text" data-testid="mailbox-text">
                    {m.text}
                  </p>
                </Card>
              </li>
            ))}
          </ol>
        ) : (
          <Empty description={t('mailbox.empty')} />
        ))}
    </>
  );
}
