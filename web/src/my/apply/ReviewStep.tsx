/** The review page before submitting: the answers, the form and the materials, as they will be sent. */
import { Fragment } from 'react';
import { ApiError } from '../../api.ts';
import type { Applicable } from '../../catalog/types.ts';
import type { ApplyInfo } from '../../cases/types.ts';
import { usePrefs } from '../../prefs.tsx';
import type { DraftData } from './ApplyPage.tsx';
import { fieldsOf, fieldTitle } from './FormFields.tsx';

export function ReviewStep({ info, values, applicable }: { info: ApplyInfo; values: DraftData; applicable: Applicable | ApiError | null }) {
  const { t, lang } = usePrefs();
  const form: Record<string, unknown> = { ...values.form, ...Object.fromEntries(info.fixedFields.map((k) => [k, info.prefill[k]])) };
  const show = (v: unknown) => (v === true ? t('catalog.yes') : v === false ? t('catalog.no') : v === undefined || v === '' ? t('common.none') : String(v));
  const materials = applicable instanceof ApiError || !applicable ? [] : applicable.materials;
  return (
    <div data-testid="apply-review">
      <p className="page-lead">{t('apply.reviewLead')}</p>
      {info.situations.length > 0 && (
        <>
          <h3 className="subheading">{t('apply.step.answers')}</h3>
          <dl className="facts">
            {info.situations.map((q) => (
              <Fragment key={q.id}>
                <dt>{q.text}</dt>
                <dd>{q.options.find((o) => o.id === values.answers[q.id])?.label ?? t('common.none')}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
      <h3 className="subheading">{t('apply.step.form')}</h3>
      <dl className="facts">
        {fieldsOf(info).map(([name, f]) => (
          <Fragment key={name}>
            <dt>{fieldTitle(f.title, name, lang)}</dt>
            <dd>{show(form[name])}</dd>
          </Fragment>
        ))}
      </dl>
      <h3 className="subheading">{t('apply.step.materials')}</h3>
      <dl className="facts" data-testid="review-materials">
        {materials.map((m) => (
          <Fragment key={m.id}>
            <dt>{m.name}</dt>
            <dd>{m.source !== 'applicant' ? t('apply.held') : (values.files[m.id] ?? []).map((f) => f.fileName).join('、') || t('common.none')}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}
