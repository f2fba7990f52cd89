/**
 * One version of an item (/admin/catalog/:id/versions/:number): the guide editor for a draft (save
 * with the revision read; someone else's save first is a conflict to reload), the guide as the
 * public will read it otherwise, the publication-rule problems at their elements, and the
 * workflow steps the user's permissions and the version's state allow.
 */
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post, request, type ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { elementDomId, elementOf, fieldElement, namePath } from '../../catalog/elements.ts';
import { FileBase, GuideView } from '../../catalog/GuideView.tsx';
import type { GuideProblem, ItemDetail, Version } from '../../catalog/types.ts';
import { usePrefs } from '../../prefs.tsx';
import { Loading, ProblemAlert } from '../../ui/feedback.tsx';
import { FormModal } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { toApiError, useApi } from '../../useApi.ts';
import { EDITOR_SECTIONS, GuideEditor, guideOf, sectionAnchor, type EditorValues } from './GuideEditor.tsx';
import { fromRefusal, fromRules, ProblemsProvider, type ShownProblem } from './problems.tsx';
import { ProblemsPanel, sectionOf } from './ProblemsPanel.tsx';
import { VersionStatusTag } from './statusTags.tsx';

type Step = 'submit' | 'approve' | 'publish';

export function VersionPage() {
  const { t, lang } = usePrefs();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { id = '', number = '' } = useParams();
  const base = `/api/catalog/items/${id}`;
  const detail = useApi<ItemDetail>(base);
  const version = useApi<Version>(`${base}/versions/${number}`);
  const open = version.data && ['draft', 'submitted', 'approved'].includes(version.data.status);
  const problems = useApi<GuideProblem[]>(open ? `${base}/versions/${number}/problems` : null);
  const [form] = Form.useForm<EditorValues>();
  const [rev, setRev] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [refused, setRefused] = useState<ShownProblem[] | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<Step | 'save' | null>(null);
  const [returning, setReturning] = useState(false);

  if (version.error || detail.error) return <ProblemAlert error={(version.error ?? detail.error)!} />;
  if (!version.data || !detail.data) return <Loading />;
  const v = version.data;
  const { item } = detail.data;
  const editing = v.status === 'draft' && can('catalog:edit');
  const shown = refused ?? fromRules(problems.data ?? [], lang);

  const reload = () => {
    setRev(null);
    setDirty(false);
    setRefused(null);
    setConflict(null);
    setFailure(null);
    version.reload();
    detail.reload();
    problems.reload();
  };

  /** Saves the draft; false when it failed (the reason is shown). */
  const save = async (): Promise<boolean> => {
    try {
      await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', focus: true });
      return false;
    }
    setBusy('save');
    setFailure(null);
    try {
      const values = form.getFieldsValue(true) as EditorValues;
      const saved = await request<Version>('PUT', `${base}/versions/${v.number}`, { guide: guideOf(values), rev: rev ?? v.rev, changeNote: values.changeNote });
      setRev(saved.rev);
      setDirty(false);
      setRefused(null);
      problems.reload();
      message.success(t('common.saved'));
      return true;
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 409) setConflict(err);
      else {
        const named = fromRefusal(err);
        if (named.length) setRefused(named);
        setFailure(err);
      }
      return false;
    } finally {
      setBusy(null);
    }
  };

  const step = async (what: Step) => {
    if (what === 'submit' && dirty && !(await save())) return;
    setBusy(what);
    setFailure(null);
    try {
      await post<Version>(`${base}/versions/${v.number}/${what}`);
      message.success(t(`version.done.${what}`));
      reload();
    } catch (e) {
      const err = toApiError(e);
      const named = fromRefusal(err);
      if (named.length) setRefused(named);
      if (err.status === 409 && err.problem.current) setConflict(err);
      else setFailure(err);
    } finally {
      setBusy(null);
    }
  };

  /** Brings the element of a problem into view and focuses its field (or its list item or section). */
  const goTo = (element: string) => {
    const path = namePath(fieldElement(element));
    if (form.getFieldInstance(path)) {
      form.scrollToField(path, { block: 'center', focus: true });
      return;
    }
    for (let k = path.length; k > 0; k--) {
      const el = document.getElementById(elementDomId(elementOf(path.slice(0, k))));
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus();
        return;
      }
    }
    document.getElementById(sectionAnchor(sectionOf(element)))?.scrollIntoView();
  };

  const initial: EditorValues = { ...v.guide, changeNote: v.changeNote };

  return (
    <>
      <PageHeader
        title={item.name}
        lead={
          <>
            {t('catalog.versionN', { number: v.number })} <VersionStatusTag status={v.status} /> {v.changeNote}
          </>
        }
        extra={
          <Space wrap>
            <Link to={`/admin/catalog/${item.id}`}>{t('version.backToItem')}</Link>
            <Link to={`/admin/catalog/${item.id}/versions/${v.number}/review-rules`}>{t('version.reviewRules')}</Link>
          </Space>
        }
      />
      {v.returnedReason && v.status === 'draft' && (
        <Alert type="warning" showIcon className="form-alert" title={t('version.returned', { reason: v.returnedReason })} />
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="form-alert"
          data-testid="version-conflict"
          title={t('version.conflictTitle')}
          description={conflict.problem.type.endsWith('version-conflict') ? t('version.conflictDetail') : conflict.problem.title}
          action={<Button onClick={reload}>{t('version.reload')}</Button>}
        />
      )}
      {failure && (
        <div className="form-alert">
          <ProblemAlert error={failure} />
        </div>
      )}
      <ProblemsProvider value={shown}>
        <FileBase.Provider value={`/api/catalog/items/${item.id}/files`}>
          <div className="editor-layout">
            <div>
              {editing ? (
                <GuideEditor key={`${v.number}:${v.rev}`} form={form} initial={initial} onChange={() => setDirty(true)} />
              ) : (
                <GuideView item={item} guide={v.guide} version={v.number} publishedAt={v.publishedAt} />
              )}
            </div>
            <aside className="editor-layout__side" aria-label={t('version.side')}>
              <Card title={<h2 className="card-title">{t('version.workflow')}</h2>}>
                <p className="card-status">
                  {t('catalog.status')}: <VersionStatusTag status={v.status} />
                  {dirty && <span className="muted">{t('version.unsaved')}</span>}
                </p>
                <Space wrap>
                  {editing && (
                    <Button onClick={() => void save()} loading={busy === 'save'} data-testid="save-draft">
                      {t('version.save')}
                    </Button>
                  )}
                  {v.status === 'draft' && can('catalog:edit') && (
                    <Button type="primary" onClick={() => void step('submit')} loading={busy === 'submit'} data-testid="submit-version">
                      {t('version.submit')}
                    </Button>
                  )}
                  {v.status === 'submitted' && can('catalog:approve') && (
                    <Button type="primary" onClick={() => void step('approve')} loading={busy === 'approve'} data-testid="approve-version">
                      {t('version.approve')}
                    </Button>
                  )}
                  {v.status === 'approved' && can('catalog:publish') && (
                    <Button type="primary" onClick={() => void step('publish')} loading={busy === 'publish'} data-testid="publish-version">
                      {t('version.publish')}
                    </Button>
                  )}
                  {(v.status === 'submitted' || v.status === 'approved') && can('catalog:approve') && (
                    <Button danger onClick={() => setReturning(true)} data-testid="return-version">
                      {t('version.return')}
                    </Button>
                  )}
                  {v.status === 'published' && item.publishedVersion === v.number && (
                    <Link to={`/services/${item.code}`}>{t('catalog.viewPortal')}</Link>
                  )}
                </Space>
              </Card>
              {open && <ProblemsPanel problems={shown} loading={problems.loading} onGo={editing ? goTo : undefined} stale={dirty} />}
              {editing && (
                <nav aria-label={t('version.sections')} className="editor-index no-print">
                  <Card title={<h2 className="card-title">{t('version.sections')}</h2>} size="small">
                    <ul className="guide-list">
                      {EDITOR_SECTIONS.map(([sid, key]) => (
                        <li key={sid}>
                          <a href={`#${sectionAnchor(sid)}`}>{t(key)}</a>
                        </li>
                      ))}
                    </ul>
                  </Card>
                </nav>
              )}
            </aside>
          </div>
        </FileBase.Provider>
      </ProblemsProvider>
      {returning && (
        <FormModal<{ reason: string }, Version>
          title={t('version.return')}
          okText={t('version.return')}
          onCancel={() => setReturning(false)}
          onSubmit={({ reason }) => post<Version>(`${base}/versions/${v.number}/return`, { reason: reason.trim() })}
          onDone={() => {
            setReturning(false);
            message.success(t('version.done.return'));
            reload();
          }}
          testId="return-form"
        >
          <Form.Item name="reason" label={t('version.returnReason')} rules={[{ required: true, min: 2, whitespace: true, message: t('catalog.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
