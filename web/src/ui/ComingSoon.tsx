/** A page whose module comes later: its title and one line saying what will appear here. */
import { Card } from 'antd';
import type { MessageKey } from '../i18n.ts';
import { useT } from '../prefs.tsx';
import { PageHeader } from './PageHeader.tsx';

export function ComingSoon({ label, soon }: { label: MessageKey; soon: MessageKey }) {
  const t = useT();
  return (
    <>
      <PageHeader title={t(label)} />
      <Card>
        <p className="coming-soon" data-testid="coming-soon">
          {t(soon)}
        </p>
      </Card>
    </>
  );
}
