/**
 * A case's timeline, oldest first: when, who, what, the state it left the case in, and what the
 * action said — the one-time notice's deficiencies, reasons, opinions, the decision. Applicants see
 * no staff names (the server leaves them out); staff see every name.
 */
import type { ReactNode } from 'react';
import type { Translate } from '../prefs.tsx';
import { useT } from '../prefs.tsx';
import { useCaseFormat } from './format.ts';
import { caseLabel } from './messages.ts';
import type { Deficiency, TimelineEvent } from './types.ts';
import './cases.css';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The lines that say what an entry's action carried, in the reader's language. */
function details(e: TimelineEvent, t: Translate, materialName: (id: string) => string | null): ReactNode[] {
  const out: ReactNode[] = [];
  const note = text(e.note);
  // An entry without data (the public page's) says no more than its action.
  if (!e.data) return note ? [note] : out;
  const d = e.data;
  const line = (key: Parameters<Translate>[0], value: unknown) => {
    const v = text(value);
    if (v) out.push(t(key, { text: v }));
  };
  switch (e.action) {
    case 'request-supplement': {
      const list = Array.isArray(d.deficiencies) ? (d.deficiencies as Deficiency[]) : [];
      out.push(
        <div key="deficiencies" data-testid="timeline-deficiencies">
          {t('case.timeline.deficiencies')}
          <ol>
            {list.map((x, i) => {
              const name = x.materialId ? materialName(x.materialId) : null;
              return <li key={i}>{name ? `${name}：${x.text}` : x.text}</li>;
            })}
          </ol>
        </div>,
      );
      line('case.timeline.justification', d.justification);
      if (d.flagged) out.push(t('case.timeline.flagged'));
      break;
    }
    case 'refuse':
      line('case.timeline.reason', d.reason);
      line('case.timeline.basis', d.basis);
      line('case.timeline.remedies', d.remedies);
      break;
    case 'decide':
      out.push(<strong key="grant">{t(d.grant ? 'case.timeline.grant' : 'case.timeline.deny')}</strong>);
      line('case.timeline.reason', d.reasons);
      break;
    case 'advance':
      line('case.timeline.opinion', d.opinion);
      break;
    case 'sign':
      out.push(t(d.agree ? 'case.timeline.agree' : 'case.timeline.disagree'));
      line('case.timeline.opinion', d.opinion);
      break;
    case 'return':
      if (typeof d.toStep === 'number') out.push(t('case.timeline.toStep', { step: d.toStep + 1 }));
      line('case.timeline.reason', d.reason);
      break;
    case 'countersign': {
      const names = Array.isArray(d.departments) ? (d.departments as { name: string }[]).map((x) => x.name) : [];
      out.push(t(d.mode === 'any' ? 'case.timeline.mode.any' : 'case.timeline.mode.all'), t('case.timeline.departments', { names: names.join('、') }));
      break;
    }
    case 'pause':
      if (typeof d.kind === 'string') out.push(caseLabel(t, 'pause', d.kind));
      line('case.timeline.reason', d.reason);
      break;
    case 'request-extension':
      if (typeof d.days === 'number') out.push(t('case.timeline.days', { days: d.days }));
      line('case.timeline.reason', d.reason);
      break;
    case 'answer-extension':
      out.push(t(d.approve ? 'case.timeline.approve' : 'case.timeline.reject'));
      break;
    case 'deliver':
      if (typeof d.method === 'string') out.push(caseLabel(t, 'delivery', d.method));
      line('case.timeline.tracking', d.tracking);
      break;
    case 'withdraw':
      line('case.timeline.reason', d.reason);
      break;
    case 'supplement': {
      const names = Array.isArray(d.materials) ? (d.materials as { name: string }[]).map((x) => x.name) : [];
      if (names.length) out.push(t('case.timeline.handedIn', { names: names.join('、') }));
      break;
    }
    case 'submit':
      if (typeof d.channel === 'string') out.push(caseLabel(t, 'channel', d.channel));
      break;
    case 'claim':
    case 'assign':
    case 'transfer':
      if (typeof d.to === 'string') out.push(t('case.timeline.to', { name: d.to }));
      break;
    case 'checklist':
      if (typeof d.checkpoint === 'string') out.push(`${d.ok ? '✓' : '✗'} ${d.checkpoint}`);
      break;
  }
  // The note, unless it only repeats a reason shown above (a withdrawal keeps its reason in both).
  const said = new Set(Object.values(d).filter((v) => typeof v === 'string'));
  if (note && !said.has(note)) out.push(note);
  return out;
}

export function CaseTimeline({
  events,
  staffView = false,
  materialNames = {},
}: {
  events: TimelineEvent[];
  /** Staff see who acted by name; applicants see "staff". */
  staffView?: boolean;
  /** Names of the case's materials by id, for notices that name a material. */
  materialNames?: Record<string, string>;
}) {
  const t = useT();
  const { time } = useCaseFormat();
  if (!events.length) return <p className="muted">{t('case.timeline.empty')}</p>;
  const who = (e: TimelineEvent) => {
    if (!e.actorKind) return null;
    const kind = caseLabel(t, 'actor', e.actorKind);
    if (!e.actorName || e.actorKind === 'system' || (e.actorKind === 'staff' && !staffView)) return kind;
    return `${kind} · ${e.actorName}`;
  };
  return (
    <ol className="case-timeline" data-testid="case-timeline">
      {events.map((e) => {
        const lines = details(e, t, (id) => materialNames[id] ?? null);
        return (
          <li key={e.seq} className="case-timeline__item" data-action={e.action}>
            <div className="case-timeline__head">
              <span className="case-timeline__what">{caseLabel(t, 'action', e.action)}</span>
              <time dateTime={e.at} className="muted">
                {time(e.at)}
              </time>
              {who(e) && <span className="muted">{who(e)}</span>}
            </div>
            <div className="case-timeline__detail">
              <span className="muted">{t('case.timeline.state', { state: caseLabel(t, 'state', e.toState) })}</span>
              {lines.map((l, i) => (
                <div key={i}>{l}</div>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
