/** 发布规则检查: what keeps a version from being published, each problem leading to its element. */
import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { namePath } from '../../catalog/elements.ts';
import { useT } from '../../prefs.tsx';
import { EDITOR_SECTIONS } from './GuideEditor.tsx';
import type { ShownProblem } from './problems.tsx';

type SectionId = (typeof EDITOR_SECTIONS)[number][0];

const SECTION_OF: Record<string, SectionId> = {
  situations: 'situations',
  conditions: 'conditions',
  materials: 'materials',
  steps: 'process',
  statutoryDays: 'limits',
  promisedDays: 'limits',
  limitNote: 'limits',
  fees: 'fees',
  result: 'result',
  hall: 'hall',
  consultPhone: 'hall',
  complaintPhone: 'hall',
  faq: 'faq',
  intermediaries: 'intermediaries',
  prohibitedRequirements: 'prohibited',
  legalBasis: 'legal',
};

/** The editor section an element belongs to. */
export const sectionOf = (element: string): SectionId => SECTION_OF[String(namePath(element)[0])] ?? 'basic';

interface ProblemsPanelProps {
  problems: ShownProblem[];
  loading: boolean;
  /** Leads to the element (the editor); without it the problems are plain text. */
  onGo?: (element: string) => void;
  /** The form has changes the problems do not know yet. */
  stale: boolean;
}

export function ProblemsPanel({ problems, loading, onGo, stale }: ProblemsPanelProps) {
  const t = useT();
  const section = (element: string) => {
    const id = sectionOf(element);
    return t(EDITOR_SECTIONS.find(([s]) => s === id)?.[1] ?? 'guide.section.basic');
  };
  return (
    <Card title={<h2 className="card-title">{t('problems.title')}</h2>} loading={loading && !problems.length} data-testid="problems-panel">
      {problems.length === 0 ? (
        <p role="status" className="card-status">
          <CheckCircleOutlined aria-hidden className="levels__check" /> {t('problems.none')}
        </p>
      ) : (
        <>
          <Alert type="error" showIcon role="alert" className="form-alert" title={t('problems.count', { count: problems.length })} />
          <ul className="problems-list">
            {problems.map((p, i) => (
              <li key={`${p.element}:${p.rule}:${i}`} data-element={p.element}>
                {onGo ? (
                  <Button type="link" onClick={() => onGo(p.element)}>
                    {t('problems.at', { section: section(p.element), message: p.message })}
                  </Button>
                ) : (
                  t('problems.at', { section: section(p.element), message: p.message })
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {stale && <p className="muted">{t('problems.stale')}</p>}
    </Card>
  );
}
