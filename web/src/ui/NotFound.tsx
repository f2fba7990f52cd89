import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../prefs.tsx';
import { PageHeader } from './PageHeader.tsx';

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Result
        status="404"
        subTitle={t('notFound.detail')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('notFound.home')}
          </Button>
        }
      />
    </>
  );
}
