/**
 * A service guide (办事指南) as the public reads it: every element of the standard in its own
 * section, with a table of contents. The portal shows it, staff see it for versions they cannot
 * edit, and it prints on paper (catalog.css).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import type { MessageKey } from '../i18n.ts';
import { usePrefs } from '../prefs.tsx';
import { useDictionaries } from './dictionaries.ts';
import type { CatalogItem, Condition, FileRef, Guide, Material, Question, When } from './types.ts';
import './catalog.css';

/**
 * Where the page's templates and samples are downloaded: the portal serves the files a published
 * guide names, the staff route those any version of the item names.
 */
export const FileBase = createContext('');

export function FileLink({ file, label }: { file: FileRef; label: string }) {
  const { t } = usePrefs();
  const base = useContext(FileBase);
  return (
    <a href={`${base}/${file.sha256}`} download={file.filename} className="file-link">
      <DownloadOutlined aria-hidden /> {label}
      <span className="visually-hidden">{t('guide.downloadNamed', { name: file.filename })}</span>
    </a>
  );
}

/** "是否为委托代办：是；…" — the situation answers under which an element applies. */
function useDescribeWhen() {
  const { lang } = usePrefs();
  return (when: When | undefined, questions: Question[]) =>
    (when ?? [])
      .map((clause) => {
        const q = questions.find((x) => x.id === clause.question);
        const options = clause.anyOf.map((o) => q?.options.find((x) => x.id === o)?.label ?? o);
        return lang === 'zh' ? `${q?.text ?? clause.question}：${options.join('、')}` : `${q?.text ?? clause.question}: ${options.join(', ')}`;
      })
      .join(lang === 'zh' ? '；' : '; ');
}

export function GuideSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="guide-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** Label–value rows; a null row is left out. */
export function Facts({ rows }: { rows: ([string, ReactNode] | null)[] }) {
  return (
    <dl className="facts guide-facts">
      {rows.filter((r) => r !== null).map(([k, v]) => (
        <div key={k} className="guide-facts__row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function ConditionList({ conditions, questions }: { conditions: Condition[]; questions: Question[] }) {
  const { t } = usePrefs();
  const { label } = useDictionaries();
  const describe = useDescribeWhen();
  if (!conditions.length) return <p>{t('guide.none')}</p>;
  return (
    <ol className="guide-list">
      {conditions.map((c) => (
        <li key={c.id}>
          <Tag>{label('applicationKinds', c.kind)}</Tag> {c.text}
          {c.when?.length ? <p className="guide-when">{t('guide.appliesWhen', { when: describe(c.when, questions) })}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function MaterialList({ materials, questions, testId }: { materials: Material[]; questions: Question[]; testId?: string }) {
  const { t } = usePrefs();
  const { label } = useDictionaries();
  const describe = useDescribeWhen();
  if (!materials.length) return <p>{t('guide.none')}</p>;
  return (
    <ol className="guide-cards" data-testid={testId}>
      {materials.map((m) => (
        <li key={m.id} className="guide-card">
          <h3 className="guide-card__title">
            {m.name}{' '}
            {m.requirement === 'required' ? <Tag color="blue">{t('guide.required')}</Tag> : <Tag>{t('guide.conditional')}</Tag>}
          </h3>
          <Facts
            rows={[
              m.requirement === 'conditional' && (m.conditionNote || m.when?.length)
                ? [t('guide.material.when'), [m.conditionNote, describe(m.when, questions)].filter(Boolean).join(t('guide.sep'))]
                : null,
              [t('guide.material.source'), [label('materialSources', m.source), m.sourceRef].filter(Boolean).join(t('guide.sep'))],
              [t('guide.material.count'), t('guide.material.countValue', { originals: m.originals, copies: m.copies })],
              [t('guide.material.form'), label('materialForms', m.form)],
              [t('guide.material.basis'), m.basis || t('common.none')],
              m.notes ? [t('guide.material.notes'), m.notes] : null,
              m.template || m.sample
                ? [
                    t('guide.material.files'),
                    <span className="file-links" key="files">
                      {m.template && <FileLink file={m.template} label={t('guide.material.template')} />}
                      {m.sample && <FileLink file={m.sample} label={t('guide.material.sample')} />}
                    </span>,
                  ]
                : null,
            ]}
          />
        </li>
      ))}
    </ol>
  );
}

const SECTIONS = [
  ['basic', 'guide.section.basic'],
  ['situations', 'guide.section.situations'],
  ['conditions', 'guide.section.conditions'],
  ['materials', 'guide.section.materials'],
  ['process', 'guide.section.process'],
  ['limits', 'guide.section.limits'],
  ['fees', 'guide.section.fees'],
  ['result', 'guide.section.result'],
  ['delivery', 'guide.section.delivery'],
  ['hall', 'guide.section.hall'],
  ['phones', 'guide.section.phones'],
  ['faq', 'guide.section.faq'],
  ['intermediaries', 'guide.section.intermediaries'],
  ['prohibited', 'guide.section.prohibited'],
  ['legal', 'guide.section.legal'],
] as const satisfies [string, MessageKey][];

interface GuideViewProps {
  item: CatalogItem;
  guide: Guide;
  version: number;
  publishedAt: string | null;
  /** The situation guide (portal): its own section before the conditions, when the guide asks questions. */
  situation?: ReactNode;
}

export function GuideView({ item, guide: g, version, publishedAt, situation }: GuideViewProps) {
  const { t, lang } = usePrefs();
  const { label } = useDictionaries();
  const list = (table: Parameters<typeof label>[0], codes: string[]) => (codes.length ? codes.map((c) => label(table, c)).join(t('guide.listSep')) : t('guide.none'));
  const days = (n: number) => t('guide.days', { days: n });
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' });
  const shown = SECTIONS.filter(([id]) => id !== 'situations' || situation);

  return (
    <div className="guide">
      <nav className="guide-toc no-print" aria-label={t('guide.toc')}>
        <ul>
          {shown.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <GuideSection id="basic" title={t('guide.section.basic')}>
        {g.summary && <p className="guide-summary">{g.summary}</p>}
        <Facts
          rows={[
            [t('guide.code'), <code key="code">{item.code}</code>],
            [t('guide.baseCode'), <code key="base">{item.baseCode}</code>],
            item.implementationCode ? [t('guide.implementationCode'), <code key="impl">{item.implementationCode}</code>] : null,
            [t('guide.type'), label('itemTypes', item.type)],
            [t('guide.level'), label('levels', item.level)],
            [t('guide.region'), item.regionName],
            [t('guide.department'), item.departmentName ?? t('common.none')],
            item.entrustedDepartmentName ? [t('guide.entrusted'), item.entrustedDepartmentName] : null,
            [t('guide.audience'), list('audiences', g.audience)],
            [t('guide.themes'), list('themes', g.themes)],
            [t('guide.caseType'), label('caseTypes', g.caseType)],
            [t('guide.handlingForms'), list('handlingForms', g.handlingForms)],
            [t('guide.onlineDepth'), list('onlineDepths', g.onlineDepth)],
            [t('guide.visits'), t('guide.visitsValue', { count: g.visits })],
            [t('guide.oneVisit'), g.oneVisit ? t('catalog.yes') : t('catalog.no')],
            [t('guide.scope'), label('handlingScopes', g.scope)],
            [t('guide.version'), publishedAt ? t('guide.versionPublished', { number: version, date: date(publishedAt) }) : t('catalog.versionN', { number: version })],
          ]}
        />
      </GuideSection>

      {situation && (
        <GuideSection id="situations" title={t('guide.section.situations')}>
          {situation}
        </GuideSection>
      )}

      <GuideSection id="conditions" title={t('guide.section.conditions')}>
        <ConditionList conditions={g.conditions} questions={g.situations} />
      </GuideSection>

      <GuideSection id="materials" title={t('guide.section.materials')}>
        <MaterialList materials={g.materials} questions={g.situations} testId="guide-materials" />
      </GuideSection>

      <GuideSection id="process" title={t('guide.section.process')}>
        {g.steps.length ? (
          <ol className="guide-steps">
            {g.steps.map((s) => (
              <li key={s.id}>
                <h3 className="guide-card__title">
                  {s.name} <Tag>{label('stepRoles', s.role)}</Tag> <span className="muted">{days(s.days)}</span>
                </h3>
                {s.standard && <p>{s.standard}</p>}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('guide.none')}</p>
        )}
      </GuideSection>

      <GuideSection id="limits" title={t('guide.section.limits')}>
        <Facts
          rows={[
            [t('guide.statutory'), days(g.statutoryDays)],
            [t('guide.promised'), g.promisedDays === 0 ? t('guide.immediate') : days(g.promisedDays)],
            g.limitNote ? [t('guide.limitNote'), g.limitNote] : null,
          ]}
        />
      </GuideSection>

      <GuideSection id="fees" title={t('guide.section.fees')}>
        {g.fees.length ? (
          <ul className="guide-cards">
            {g.fees.map((f, i) => (
              <li key={i} className="guide-card">
                <h3 className="guide-card__title">
                  {f.name} {f.waivable && <Tag>{t('guide.fee.waivable')}</Tag>}
                </h3>
                <Facts
                  rows={[
                    [t('guide.fee.standard'), f.standard],
                    [t('guide.fee.basis'), f.basis],
                  ]}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('guide.noFees')}</p>
        )}
      </GuideSection>

      <GuideSection id="result" title={t('guide.section.result')}>
        <Facts
          rows={[
            [t('guide.result.name'), g.result.name || t('common.none')],
            [t('guide.result.kind'), g.result.kind || t('common.none')],
            g.result.licenseType ? [t('guide.result.licenseType'), g.result.licenseType] : null,
            g.result.sample ? [t('guide.result.sample'), <FileLink key="sample" file={g.result.sample} label={t('guide.result.sample')} />] : null,
          ]}
        />
      </GuideSection>

      <GuideSection id="delivery" title={t('guide.section.delivery')}>
        <p>{list('deliveryMethods', g.delivery)}</p>
      </GuideSection>

      <GuideSection id="hall" title={t('guide.section.hall')}>
        <Facts
          rows={[
            [t('guide.hall.address'), g.hall.address || t('common.none')],
            [t('guide.hall.hours'), g.hall.hours || t('common.none')],
          ]}
        />
      </GuideSection>

      <GuideSection id="phones" title={t('guide.section.phones')}>
        <Facts
          rows={[
            [t('guide.consultPhone'), g.consultPhone ? <a href={`tel:${g.consultPhone}`}>{g.consultPhone}</a> : t('common.none')],
            [t('guide.complaintPhone'), g.complaintPhone ? <a href={`tel:${g.complaintPhone}`}>{g.complaintPhone}</a> : t('common.none')],
          ]}
        />
      </GuideSection>

      <GuideSection id="faq" title={t('guide.section.faq')}>
        {g.faq.length ? (
          <dl className="guide-faq">
            {g.faq.map((f, i) => (
              <div key={i}>
                <dt>{f.q}</dt>
                <dd>{f.a}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>{t('guide.none')}</p>
        )}
      </GuideSection>

      <GuideSection id="intermediaries" title={t('guide.section.intermediaries')}>
        {g.intermediaries.length ? (
          <ul className="guide-list">
            {g.intermediaries.map((m, i) => (
              <li key={i}>
                {m.name} <Tag>{m.required ? t('guide.intermediary.required') : t('guide.intermediary.optional')}</Tag>
                {m.basis && <p className="guide-when">{t('guide.basisOf', { basis: m.basis })}</p>}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('guide.noIntermediaries')}</p>
        )}
      </GuideSection>

      <GuideSection id="prohibited" title={t('guide.section.prohibited')}>
        {g.prohibitedRequirements.length ? (
          <ul className="guide-list">
            {g.prohibitedRequirements.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : (
          <p>{t('guide.none')}</p>
        )}
      </GuideSection>

      <GuideSection id="legal" title={t('guide.section.legal')}>
        {g.legalBasis.length ? (
          <ul className="guide-list">
            {g.legalBasis.map((b, i) => (
              <li key={i}>
                {b.law} {b.article}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('guide.none')}</p>
        )}
      </GuideSection>
    </div>
  );
}
