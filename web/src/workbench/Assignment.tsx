/**
 * Who handles a case: claim it (take it yourself), assign it (a department head gives it to a
 * colleague) or transfer it (转办: the assignee passes it on, with a reason). Colleagues are the
 * staff whose grants give them a role for the case; listing them needs staff:read.
 */
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { get, post, withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { caseLabel } from '../cases/messages.ts';
import type { CaseDetail, CaseOut } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import type { Page, Staff } from '../types.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { toApiError, useApi } from '../useApi.ts';
import { caseRoles, type CaseRole } from './access.ts';

interface Values {
  staffId: string;
  reason?: string;
}

function ColleagueModal({ c, regionPath, transfer, onClose, onChanged }: { c: CaseOut; regionPath: string[]; transfer: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = usePrefs();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // The widest of my regions above the case: its staff list holds every colleague who may handle it.
  const region = regionPath.find((code) => me?.grants.some((g) => g.regionCode === code));
  const staff = useApi<Page<Staff>>(region ? withQuery('/api/staff', { regionCode: region, pageSize: 100 }) : null);
  const options = (staff.data?.items ?? [])
    .filter((s) => s.active && s.id !== me?.id)
    .map((s) => ({ s, roles: caseRoles(s.grants, c, regionPath) }))
    .filter((x) => x.roles.length > 0)
    .map(({ s, roles }) => ({ value: s.id, label: `${s.name}（${roles.map((r: CaseRole) => caseLabel(t, 'role', r)).join('、')}）` }));
  const title = t(transfer ? 'wb.transfer' : 'wb.assign');
  const { busy, error, run } = useSubmit(form, (v: Values) => post<CaseOut>(`/api/cases/${c.id}/assignee`, { version: c.version, staffId: v.staffId, reason: v.reason?.trim() ?? '' }));
  return (
    <Modal open title={title} okText={title} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} data-testid="assign-dialog">
      {(error ?? staff.error) && (
        <div className="form-alert">
          <ProblemAlert error={(error ?? staff.error)!} />
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void run(v).then((done) => {
            if (!done) return;
            message.success(t('wb.assigned'));
            onClose();
            onChanged();
          })
        }
      >
        <Form.Item name="staffId" label={t('wb.colleague')} rules={[{ required: true, message: t('wb.f.choose') }]}>
          <Select options={options} loading={staff.loading} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="reason" label={t(transfer ? 'wb.f.reason' : 'wb.reasonOptional')} rules={transfer ? [{ required: true, whitespace: true, message: t('common.required') }] : []}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Takes the case: with the version read, or (from a queue row, which has none) after reading the case. */
export function ClaimButton({ id, number, version, onDone }: { id: string; number: string; version?: number; onDone: () => void }) {
  const { t } = usePrefs();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const claim = async () => {
    setBusy(true);
    try {
      const v = version ?? (await get<CaseDetail>(`/api/cases/${id}`)).case.version;
      await post(`/api/cases/${id}/assignee`, { version: v, staffId: me!.id });
      message.success(t('wb.claimed', { number }));
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <Button size="small" loading={busy} onClick={() => void claim()} aria-label={t('wb.claimNumber', { number })} data-testid="claim">
      {t('wb.claim')}
    </Button>
  );
}

export function Assignment({ c, roles, regionPath, onChanged }: { c: CaseOut; roles: CaseRole[]; regionPath: string[]; onChanged: () => void }) {
  const { t } = usePrefs();
  const { me, can } = useAuth();
  const [dialog, setDialog] = useState<'assign' | 'transfer' | null>(null);
  const mine = c.assignee?.id === me?.id;
  const running = c.queue !== null && roles.length > 0;
  return (
    <span className="wb-assignment">
      <span data-testid="assignee">{c.assignee?.name ?? t('wb.unassigned')}</span>
      {running && !mine && <ClaimButton id={c.id} number={c.number} version={c.version} onDone={onChanged} />}
      {running && can('case:assign') && roles.includes('department_head') && (
        <Button size="small" onClick={() => setDialog('assign')} data-testid="assign">
          {t('wb.assign')}
        </Button>
      )}
      {running && mine && can('staff:read') && (
        <Button size="small" onClick={() => setDialog('transfer')} data-testid="transfer">
          {t('wb.transfer')}
        </Button>
      )}
      {dialog && <ColleagueModal c={c} regionPath={regionPath} transfer={dialog === 'transfer'} onClose={() => setDialog(null)} onChanged={onChanged} />}
    </span>
  );
}
