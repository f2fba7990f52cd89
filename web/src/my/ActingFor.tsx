/**
 * Acting for an enterprise: a switcher (myself, or one of my enterprises; no new login) and a
 * banner shown on every my-space page while acting for one.
 */
import { BankOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select } from 'antd';
import { useState } from 'react';
import { usePrefs } from '../prefs.tsx';
import type { ActingFor, Enterprise, Items } from '../types.ts';
import { toApiError, useApi } from '../useApi.ts';
import { usePerson } from './personContext.tsx';

const MYSELF = 'myself';

/** Switches the person's session to act for an enterprise (or null: themselves), then re-reads the person. */
export function useActAs() {
  const { t } = usePrefs();
  const { post, refresh } = usePerson();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const actAs = async (enterpriseId: string | null) => {
    setBusy(true);
    try {
      await post<{ actingFor: ActingFor | null }>('/api/persons/me/acting-for', { enterpriseId });
      await refresh();
      message.success(t('acting.switched'));
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return { actAs, busy };
}

export function ActingForSwitcher({ enterprises }: { enterprises?: Enterprise[] }) {
  const { t } = usePrefs();
  const { person } = usePerson();
  const loaded = useApi<Items<Enterprise>>(enterprises ? null : '/api/enterprises/mine');
  const { actAs, busy } = useActAs();
  const items = enterprises ?? loaded.data?.items ?? [];
  if (!person) return null;
  const current = person.actingFor?.enterpriseId ?? MYSELF;
  return (
    <div className="acting-switcher">
      <label htmlFor="acting-for-select">{t('acting.label')}</label>
      <Select
        id="acting-for-select"
        data-testid="acting-for-select"
        value={current}
        loading={busy || loaded.loading}
        disabled={busy}
        style={{ width: '100%', maxWidth: 420 }}
        onChange={(v: string) => void actAs(v === MYSELF ? null : v)}
        options={[
          { value: MYSELF, label: `${t('acting.myself')}（${person.name}）` },
          ...items.map((e) => ({ value: e.id, label: `${e.name}（${t(`ent.as.${e.as}`)}）` })),
        ]}
      />
      <p className="muted">{t('acting.hint')}</p>
    </div>
  );
}

/** Shown prominently on every page of my space while the person acts for an enterprise. */
export function ActingForBanner() {
  const { t } = usePrefs();
  const { person } = usePerson();
  const { actAs, busy } = useActAs();
  const acting = person?.actingFor;
  if (!acting) return null;
  return (
    <Alert
      className="acting-banner"
      type="warning"
      showIcon
      icon={<BankOutlined />}
      data-testid="acting-banner"
      title={t('acting.banner', { name: acting.name, code: acting.creditCode })}
      action={
        <Button size="small" loading={busy} onClick={() => void actAs(null)}>
          {t('acting.backToMyself')}
        </Button>
      }
    />
  );
}
