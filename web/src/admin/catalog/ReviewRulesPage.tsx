/**
 * 审查细则 of one version (/admin/catalog/:id/versions/:number/review-rules): the checkpoints per
 * material and per process step that reviewers tick, laid out to be printed.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { useDictionaries } from '../../catalog/dictionaries.ts';
import { GuideSection } from '../../catalog/GuideView.tsx';
import type { ItemDetail, Version } from '../../catalog/types.ts';
import { useT } from '../../prefs.tsx';
import { Loading, ProblemAlert } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useApi } from '../../useApi.ts';

function Checklist({ points }: { points: string[] }) {
  const t = useT();
  if (!points.length) return <p className="muted">{t('review.noCheckpoints')}</p>;
  return (
    <ul className="checklist">
      {points.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ul>
  );
}

export function ReviewRulesPage() {
  const t = useT();
  const { label } = useDictionaries();
  const { id = '', number = '' } = useParams();
  const detail = useApi<ItemDetail>(`/api/catalog/items/${id}`);
  const version = useApi<Version>(`/api/catalog/items/${id}/versions/${number}`);

  if (version.error || detail.error) return <ProblemAlert error={(version.error ?? detail.error)!} />;
  if (!version.data || !detail.data) return <Loading />;
  const { item } = detail.data;
  const { guide } = version.data;

  return (
    <article data-testid="review-rules">
      <PageHeader
        title={t('review.title', { name: item.name })}
        lead={t('review.lead', { number: version.data.number, code: item.code })}
        extra={
          <Space wrap className="no-print">
            <Link to={`/admin/catalog/${item.id}/versions/${version.data.number}`}>{t('review.back')}</Link>
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
              {t('guide.print')}
            </Button>
          </Space>
        }
      />
      <div className="guide">
        <GuideSection id="review-materials" title={t('review.materials')}>
          <ol className="guide-cards">
            {guide.materials.map((m) => (
              <li key={m.id} className="guide-card">
                <h3 className="guide-card__title">
                  {m.name} <Tag>{m.requirement === 'required' ? t('guide.required') : t('guide.conditional')}</Tag>
                </h3>
                <Checklist points={m.checkpoints} />
              </li>
            ))}
          </ol>
        </GuideSection>
        <GuideSection id="review-steps" title={t('review.steps')}>
          <ol className="guide-cards">
            {guide.steps.map((s) => (
              <li key={s.id} className="guide-card">
                <h3 className="guide-card__title">
                  {s.name} <Tag>{label('stepRoles', s.role)}</Tag> <span className="muted">{t('guide.days', { days: s.days })}</span>
                </h3>
                {s.standard && <p>{t('review.standard', { standard: s.standard })}</p>}
                <Checklist points={s.checkpoints} />
              </li>
            ))}
          </ol>
        </GuideSection>
      </div>
    </article>
  );
}
