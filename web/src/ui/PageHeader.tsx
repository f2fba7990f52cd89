/** A page's heading (its one h1), which also names the browser tab. */
import { useEffect, type ReactNode } from 'react';
import { useT } from '../prefs.tsx';

export function PageHeader({ title, extra, lead }: { title: string; extra?: ReactNode; lead?: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} - ${t('brand')}`;
  }, [title, t]);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {extra}
      </div>
      {lead && <p className="page-lead">{lead}</p>}
    </>
  );
}
