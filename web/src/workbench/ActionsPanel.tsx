/**
 * The actions a staff member may take on a case now (see access.ts: the state machine decides),
 * each a button that opens its form. Every action sends the version of the case it was read at; a
 * 409 (someone acted first, or the machine refuses) shows the server's words and reloads the case,
 * keeping the form open with what was typed. A refusal or a supplement request then opens its
 * printable notice.
 */
import { App, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { get, post } from '../api.ts';
import type { CaseDetail, CaseOut } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { ActionFields, toAction, type ActionValues } from './ActionFields.tsx';
import { STAFF_ACTIONS, type StaffActionType } from './access.ts';

const PRIMARY = new Set<StaffActionType>(['accept', 'advance', 'decide', 'issue', 'deliver', 'confirm-delivery']);
const DANGER = new Set<StaffActionType>(['refuse']);
/** Actions whose outcome is a document for the applicant. */
const NOTICES = new Set<StaffActionType>(['refuse', 'request-supplement']);

function ActionModal({ c, type, onClose, onChanged }: { c: CaseOut; type: StaffActionType; onClose: () => void; onChanged: () => void }) {
  const { t } = usePrefs();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ActionValues>();
  const title = t(`wb.do.${type}`);
  const { busy, error, run } = useSubmit(form, async (values: ActionValues) => {
    try {
      return await post<CaseOut>(`/api/cases/${c.id}/actions`, { version: c.version, action: toAction(type, values) });
    } catch (e) {
      // The case moved on meanwhile (or the machine refuses): show why, with the case as it now is.
      if ((e as { status?: number }).status === 409) onChanged();
      throw e;
    }
  });

  const finish = async (values: ActionValues) => {
    const done = await run(values);
    if (!done) return;
    message.success(t('wb.acted', { action: title }));
    onClose();
    onChanged();
    if (NOTICES.has(type)) {
      const { timeline } = await get<CaseDetail>(`/api/cases/${c.id}`);
      const entry = timeline.findLast((e) => e.action === type);
      if (entry) navigate(`/workbench/cases/${c.id}/notices/${entry.seq}`);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={title}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, danger: DANGER.has(type) }}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid={`action-${type}`}
    >
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
      <Form<ActionValues> form={form} layout="vertical" onFinish={(v) => void finish(v)} scrollToFirstError>
        <ActionFields c={c} type={type} />
      </Form>
    </Modal>
  );
}

export function ActionsPanel({ c, offered, onChanged }: { c: CaseOut; offered: Set<StaffActionType>; onChanged: () => void }) {
  const { t } = usePrefs();
  const [open, setOpen] = useState<StaffActionType | null>(null);
  const actions = STAFF_ACTIONS.filter((a) => offered.has(a));
  return (
    <>
      {actions.length ? (
        <div className="wb-actions" data-testid="actions">
          {actions.map((a) => (
            <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => setOpen(a)} data-testid={`do-${a}`}>
              {t(`wb.do.${a}`)}
            </Button>
          ))}
        </div>
      ) : (
        <p className="muted" data-testid="no-actions">
          {t('wb.noActions')}
        </p>
      )}
      {open && <ActionModal c={c} type={open} onClose={() => setOpen(null)} onChanged={onChanged} />}
    </>
  );
}
