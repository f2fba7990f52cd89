/**
 * A case in the workbench (/workbench/cases/:id): who applied for what and how, where it stands and
 * its deadline (explained day by day in a drawer), who handles it, the actions the staff member may
 * take now, the review checklist, the materials with an inline viewer, the notices sent, internal
 * comments and the full timeline. Reading the current step as the one who acts at it opens the step,
 * so that the previous actor can no longer take back.
 */
import { DownloadOutlined, FieldTimeOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { post } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { CaseStateTag } from '../cases/CaseStateTag.tsx';
import { CaseTimeline } from '../cases/CaseTimeline.tsx';
import { DeadlineLight } from '../cases/DeadlineLight.tsx';
import { useCaseFormat } from '../cases/format.ts';
import { MaterialList } from '../cases/MaterialList.tsx';
import { caseLabel } from '../cases/messages.ts';
import type { CaseDetail, CaseOut } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import { pathTo } from '../regions.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { caseRoles, offeredActions, opensStep } from './access.ts';
import { ActionsPanel } from './ActionsPanel.tsx';
import { Assignment } from './Assignment.tsx';
import { Checklist } from './Checklist.tsx';
import { Comments } from './Comments.tsx';
import { DeadlineDrawer } from './DeadlineDrawer.tsx';

const section = (title: string) => <h2 className="card-title">{title}</h2>;

/** Opens the current step once per step when the one who acts at it reads the case. */
function useOpenStep(c: CaseOut | undefined, open: boolean, reload: () => void) {
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (!c || !open) return;
    const key = `${c.id}:${c.core.step}:${c.version}`;
    if (sent.current === key) return;
    sent.current = key;
    // Someone acting first (409) is fine: the reload shows the case as it now is.
    post(`/api/cases/${c.id}/actions`, { version: c.version, action: { type: 'open' } }).then(reload, reload);
  }, [c, open, reload]);
}

export function CasePage() {
  const { t } = usePrefs();
  const { time } = useCaseFormat();
  const { me, can } = useAuth();
  const { index } = useRegions();
  const { id = '' } = useParams();
  const detail = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
  const [deadlineOpen, setDeadlineOpen] = useState(false);
  const c = detail.data?.case;
  const regionPath = c && index ? pathTo(index, c.regionCode) : [];
  const roles = c && me ? caseRoles(me.grants, c, regionPath) : [];
  useOpenStep(c, Boolean(c && me && can('case:handle') && opensStep(c.core, roles, me.id)), detail.reload);

  if (detail.error?.status === 404) return <NotFound />;
  if (detail.error && !detail.data) return <ProblemAlert error={detail.error} />;
  if (!detail.data || !c || !me) return <Loading />;
  const { materials, timeline } = detail.data;
  const reload = detail.reload;
  const handles = can('case:handle') && roles.length > 0;
  const offered = handles ? offeredActions(c.core, roles, me.id) : new Set<never>();
  const materialNames = Object.fromEntries(c.snapshot.materials.map((m) => [m.id, m.name]));
  const notices = timeline.filter((e) => e.action === 'refuse' || e.action === 'request-supplement');

  return (
    <>
      <PageHeader
        title={c.item.name}
        extra={
          <span className="wb-header-tags">
            <CaseStateTag state={c.state} light={c.deadlines.light} />
            <Link to="/workbench">{t('wb.backToQueue')}</Link>
          </span>
        }
      />
      <div className="wb-case">
        <div className="stack">
          <Card title={section(t('wb.overview'))} data-testid="case-overview">
            <dl className="facts">
              <dt>{t('case.number')}</dt>
              <dd data-testid="case-number">{c.number}</dd>
              <dt>{t('case.item')}</dt>
              <dd>
                {c.item.name} <span className="muted">{c.item.code}</span>
              </dd>
              <dt>{t('case.applicant')}</dt>
              <dd data-testid="applicant">
                {c.applicant.name}（{c.applicant.number}）{c.applicant.agentName && ` · ${t('case.agent')}：${c.applicant.agentName}`}
              </dd>
              <dt>{t('case.channelLabel')}</dt>
              <dd>{caseLabel(t, 'channel', c.channel)}</dd>
              <dt>{t('case.stateLabel')}</dt>
              <dd>{caseLabel(t, 'state', c.state)}</dd>
              <dt>{t('case.step')}</dt>
              <dd data-testid="case-step">
                {t('wb.stepOf', { n: c.step.index + 1, total: c.core.steps.length, name: c.step.name, role: caseLabel(t, 'role', c.step.role) })}
              </dd>
              <dt>{t('case.department')}</dt>
              <dd>{c.departmentName}</dd>
              <dt>{t('case.receivedAt')}</dt>
              <dd>{time(c.receivedAt)}</dd>
              <dt>{t('case.deadline')}</dt>
              <dd>
                <DeadlineLight deadlines={c.deadlines} />
                <Button type="link" icon={<FieldTimeOutlined />} onClick={() => setDeadlineOpen(true)} data-testid="explain-deadline" className="wb-inline-button">
                  {t('wb.dl.open')}
                </Button>
              </dd>
              <dt>{t('wb.assignee')}</dt>
              <dd>
                <Assignment c={c} roles={roles} regionPath={regionPath} onChanged={reload} />
              </dd>
              {c.core.extension && (
                <>
                  <dt>{t('wb.extension')}</dt>
                  <dd>{t(c.core.extension.approved === null ? 'wb.extensionPending' : c.core.extension.approved ? 'wb.extensionApproved' : 'wb.extensionRejected', { days: c.core.extension.days })}</dd>
                </>
              )}
              {c.core.signs && (
                <>
                  <dt>{t(c.core.signs.mode === 'all' ? 'case.timeline.mode.all' : 'case.timeline.mode.any')}</dt>
                  <dd>
                    <ul className="plain-list" data-testid="signs">
                      {c.core.signs.departments.map((d) => (
                        <li key={d.id}>
                          {d.name}：{d.decision ? t(d.decision === 'agree' ? 'case.timeline.agree' : 'case.timeline.disagree') : t('wb.signPending')}
                          {d.opinion && `（${d.opinion}）`}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {c.core.decision && (
                <>
                  <dt>{t('wb.decision')}</dt>
                  <dd>
                    {t(c.core.decision.grant ? 'case.timeline.grant' : 'case.timeline.deny')}：{c.core.decision.reasons}
                  </dd>
                </>
              )}
            </dl>
            {c.resultAvailable && (
              <Button icon={<DownloadOutlined />} href={`/api/cases/${c.id}/result`} download data-testid="result-download">
                {t('wb.result')}
              </Button>
            )}
          </Card>
          <Card title={section(t('wb.actions'))}>
            {detail.error && <ProblemAlert error={detail.error} />}
            <ActionsPanel c={c} offered={offered} onChanged={reload} />
          </Card>
          <Card title={section(t('wb.checklist'))}>
            <Checklist c={c} disabled={!handles || c.queue === null} onChanged={reload} />
          </Card>
          <Card title={section(t('case.materials.title'))}>
            <MaterialList materials={materials} fileUrl={(sha) => `/api/cases/${c.id}/materials/${sha}`} />
          </Card>
        </div>
        <div className="stack">
          {notices.length > 0 && (
            <Card title={section(t('wb.notices'))}>
              <ul className="plain-list" data-testid="notices">
                {notices.map((e) => (
                  <li key={e.seq}>
                    <Link to={`/workbench/cases/${c.id}/notices/${e.seq}`}>
                      <PrinterOutlined aria-hidden /> {t(e.action === 'refuse' ? 'wb.notice.refusal' : 'wb.notice.supplement')} · {time(e.at)}
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title={section(t('wb.comments'))}>
            <Comments caseId={c.id} timeline={timeline} canWrite={handles} onChanged={reload} />
          </Card>
          <Card title={section(t('case.timeline.title'))}>
            <CaseTimeline events={timeline} staffView materialNames={materialNames} />
          </Card>
        </div>
      </div>
      {deadlineOpen && <DeadlineDrawer caseId={c.id} onClose={() => setDeadlineOpen(false)} />}
    </>
  );
}
