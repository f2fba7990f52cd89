/**
 * The review checklist (审查细则) of the item version the case was submitted on: the checkpoints
 * of each material and of each step, each marked "meets" or "does not meet" by whoever handles the
 * case, with who marked it and when.
 */
import { App, Radio } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import { useCaseFormat } from '../cases/format.ts';
import { caseLabel } from '../cases/messages.ts';
import type { CaseOut } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { toApiError } from '../useApi.ts';

interface Group {
  title: string;
  keyOf: (n: number) => string;
  checkpoints: string[];
  standard?: string;
}

function Checkpoint({ c, id, text, disabled, onChanged }: { c: CaseOut; id: string; text: string; disabled: boolean; onChanged: () => void }) {
  const { t } = usePrefs();
  const { time } = useCaseFormat();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const tick = c.checks[id];
  const mark = async (ok: boolean) => {
    setBusy(true);
    try {
      await post(`/api/cases/${c.id}/checks`, { key: id, ok, note: '' });
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const label = `wb-check-${id.replaceAll(':', '-')}`;
  return (
    <li className="wb-check" data-testid="checkpoint" data-key={id} data-ok={tick ? String(tick.ok) : 'none'}>
      <span id={label}>{text}</span>
      <Radio.Group
        aria-labelledby={label}
        value={tick?.ok}
        disabled={disabled || busy}
        onChange={(e) => void mark(e.target.value as boolean)}
        options={[
          { value: true, label: t('wb.check.ok') },
          { value: false, label: t('wb.check.notOk') },
        ]}
      />
      {tick && <span className="muted">{t('wb.check.by', { name: tick.by, time: time(tick.at) })}</span>}
    </li>
  );
}

export function Checklist({ c, disabled, onChanged }: { c: CaseOut; disabled: boolean; onChanged: () => void }) {
  const { t } = usePrefs();
  const groups: Group[] = [
    ...c.snapshot.materials.map((m) => ({ title: m.name, keyOf: (n: number) => `m:${m.id}:${n}`, checkpoints: m.checkpoints })),
    ...c.snapshot.steps.map((s, i) => ({ title: `${s.name}（${caseLabel(t, 'role', s.role)}）`, keyOf: (n: number) => `s:${i}:${n}`, checkpoints: s.checkpoints, standard: s.standard })),
  ].filter((g) => g.checkpoints.length > 0);
  if (!groups.length) return <p className="muted">{t('wb.check.none')}</p>;
  const all = groups.flatMap((g) => g.checkpoints.map((_, n) => g.keyOf(n)));
  const done = all.filter((k) => c.checks[k]).length;
  return (
    <div data-testid="checklist">
      <p className="muted">{t('wb.check.progress', { done, total: all.length })}</p>
      {groups.map((g) => (
        <section key={g.keyOf(0)} className="wb-check-group">
          <h3 className="subheading">{g.title}</h3>
          {g.standard && <p className="muted">{g.standard}</p>}
          <ul className="wb-checks">
            {g.checkpoints.map((text, n) => (
              <Checkpoint key={n} c={c} id={g.keyOf(n)} text={text} disabled={disabled} onChanged={onChanged} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
