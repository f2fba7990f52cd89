/**
 * 办事指南 of one published item (/services/:code): every element, the situation guide, template
 * downloads, "apply online" where the online depth allows it, and a clean printout.
 */
import { FormOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useDictionaries } from '../catalog/dictionaries.ts';
import { FileBase, GuideView } from '../catalog/GuideView.tsx';
import type { PublishedItem } from '../catalog/types.ts';
import { useT } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { SituationGuide } from './SituationGuide.tsx';

export default function GuidePage() {
  const t = useT();
  const { label } = useDictionaries();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const { data, error } = useApi<PublishedItem>(`/api/portal/items/${encodeURIComponent(code)}`);

  if (error?.status === 404) return <NotFound />;
  if (error) return <ProblemAlert error={error} />;
  if (!data) return <Loading />;
  const { item, guide } = data;
  const applyPath = `/my/apply/${item.code}`;

  return (
    <article data-testid="guide">
      <PageHeader
        title={item.name}
        extra={
          <div className="guide-actions no-print">
            {data.canApplyOnline && (
              <Button
                type="primary"
                icon={<FormOutlined />}
                href={applyPath}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(applyPath);
                }}
                data-testid="apply-online"
              >
                {t('guide.applyOnline')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
              {t('guide.print')}
            </Button>
          </div>
        }
      />
      <p className="guide-meta">
        <Tag color="blue">{label('itemTypes', item.type)}</Tag>
        <span>{item.regionName}</span>
        {item.departmentName && <span>{item.departmentName}</span>}
        {!data.canApplyOnline && <span className="no-print">{t('guide.notOnline')}</span>}
      </p>
      <FileBase.Provider value={`/api/portal/items/${item.code}/files`}>
        <GuideView
          item={item}
          guide={guide}
          version={data.version}
          publishedAt={data.publishedAt}
          situation={guide.situations.length ? <SituationGuide code={item.code} questions={guide.situations} /> : undefined}
        />
      </FileBase.Provider>
    </article>
  );
}
