/** How pages say "loading" and "that failed". */
import { Alert, Spin } from 'antd';
import { useMemo } from 'react';
import type { ApiError } from '../api.ts';
import { usePrefs, useT } from '../prefs.tsx';

export function Loading() {
  const t = useT();
  return (
    <div role="status" className="loading">
      <Spin />
      <span>{t('common.loading')}</span>
    </div>
  );
}

/**
 * A failed request: the server's title, when to try again (429 too many requests, 423 locked),
 * and the request id to quote to the help desk.
 */
export function ProblemAlert({ error }: { error: ApiError }) {
  const { t, lang } = usePrefs();
  const { retryAfter, requestId } = error.problem;
  // The moment to try again is fixed when the answer arrives, not at each render.
  const retryAt = useMemo(() => (retryAfter ? new Date(Date.now() + retryAfter * 1000) : null), [retryAfter, error]);
  const lines = [
    retryAt &&
      t('error.retryAt', {
        time: retryAt.toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
      }),
    requestId && t('error.requestId', { id: requestId }),
  ].filter(Boolean);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.problem.title}
      description={lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      data-testid="problem"
    />
  );
}
