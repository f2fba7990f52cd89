/** How pages say "loading" and "that failed". */
import { Alert, Spin } from 'antd';
import type { ApiError } from '../api.ts';
import { useT } from '../prefs.tsx';

export function Loading() {
  const t = useT();
  return (
    <div role="status" className="loading">
      <Spin />
      <span>{t('common.loading')}</span>
    </div>
  );
}

/** A failed request: the server's title, and the request id to quote to the help desk. */
export function ProblemAlert({ error }: { error: ApiError }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.problem.title}
      description={error.problem.requestId ? t('error.requestId', { id: error.problem.requestId }) : undefined}
    />
  );
}
