/** A case's state as a tag, with its deadline light beside it when given (text and colour, never colour alone). */
import { Tag } from 'antd';
import { useT } from '../prefs.tsx';
import { LightTag } from './DeadlineLight.tsx';
import { caseLabel } from './messages.ts';
import type { CaseState, Light } from './types.ts';
import './cases.css';

const TONE: Record<CaseState, 'running' | 'waiting' | 'done' | 'closed' | 'bad'> = {
  submitted: 'running',
  reviewing: 'running',
  decided: 'running',
  issued: 'running',
  delivering: 'running',
  supplement: 'waiting',
  completed: 'done',
  withdrawn: 'closed',
  refused: 'bad',
};

export function CaseStateTag({ state, light }: { state: string; light?: Light | null }) {
  const t = useT();
  const tone = TONE[state as CaseState] ?? 'closed';
  return (
    <span className="case-state" data-testid="case-state" data-state={state}>
      <Tag className={`case-tag case-tag--${tone}`}>{caseLabel(t, 'state', state)}</Tag>
      {light && <LightTag light={light} />}
    </span>
  );
}
