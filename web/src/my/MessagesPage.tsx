/** My messages (/my/messages): what the platform told me about my cases, newest first; unread ones can be marked read. */
import { App, Button, Card, Empty, Pagination, Tag } from 'antd';
import { Link } from 'react-router';
import { useCaseFormat } from '../cases/format.ts';
import type { Message, Messages } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { usePaging } from '../ui/DataTable.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { toApiError, useApi } from '../useApi.ts';
import { useUnread } from './messagesContext.tsx';
import { usePerson } from './personContext.tsx';

export default function MessagesPage() {
  const { t, lang } = usePrefs();
  const { time } = useCaseFormat();
  const { post } = usePerson();
  const { message } = App.useApp();
  const unread = useUnread();
  const { page, pageSize, pagination } = usePaging(20);
  const list = useApi<Messages>(`/api/my/messages?page=${page}&pageSize=${pageSize}`);

  const markRead = async (items: Message[]) => {
    try {
      await post<void>('/api/my/messages/read', { ids: items.map((m) => m.id) });
      list.reload();
      unread.refresh();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  const items = list.data?.items ?? [];
  const unreadHere = items.filter((m) => !m.read);
  let body;
  if (list.loading && !list.data) body = <Loading />;
  else if (list.error) body = <ProblemAlert error={list.error} />;
  else if (!items.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messages.none')} />;
  else
    body = (
      <>
        <ul className="plain-list" data-testid="messages">
          {items.map((m) => (
            <li key={m.id} className="plain-list__item" data-read={m.read}>
              <div>
                {!m.read && <Tag className="tag-required">{t('messages.unread')}</Tag>} <span className={m.read ? undefined : 'message-unread'}>{m.text[lang]}</span>
                <p className="muted">
                  <time dateTime={m.at}>{time(m.at)}</time>
                  {m.caseId && (
                    <>
                      {' · '}
                      <Link className="text-link" to={`/my/cases/${m.caseId}`}>{t('messages.toCase')}</Link>
                    </>
                  )}
                </p>
              </div>
              {!m.read && <Button onClick={() => void markRead([m])}>{t('messages.markRead')}</Button>}
            </li>
          ))}
        </ul>
        <Pagination {...pagination(list.data?.total ?? 0)} className="messages-pagination" />
      </>
    );

  return (
    <>
      <PageHeader
        title={t('nav.my.messages')}
        lead={t('messages.lead')}
        extra={
          unreadHere.length > 0 && (
            <Button onClick={() => void markRead(unreadHere)} data-testid="mark-all-read">
              {t('messages.markAllRead')}
            </Button>
          )
        }
      />
      <Card>{body}</Card>
    </>
  );
}
