/** Two versions of a guide side by side: one row per changed element, before and after in words. */
import { useDictionaries, type Dict } from '../../catalog/dictionaries.ts';
import type { DiffEntry, Dictionaries } from '../../catalog/types.ts';
import type { MessageKey } from '../../i18n.ts';
import { useT, type Translate } from '../../prefs.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

/** Headings of the guide's top-level elements. */
const ELEMENT_LABELS: Record<string, MessageKey> = {
  summary: 'guide.summary',
  legalBasis: 'guide.section.legal',
  conditions: 'guide.section.conditions',
  prohibitedRequirements: 'guide.section.prohibited',
  materials: 'guide.section.materials',
  steps: 'guide.section.process',
  statutoryDays: 'editor.statutoryDays',
  promisedDays: 'editor.promisedDays',
  limitNote: 'guide.limitNote',
  caseType: 'guide.caseType',
  handlingForms: 'guide.handlingForms',
  onlineDepth: 'guide.onlineDepth',
  visits: 'guide.visits',
  fees: 'guide.section.fees',
  result: 'guide.section.result',
  delivery: 'guide.section.delivery',
  audience: 'guide.audience',
  themes: 'guide.themes',
  hall: 'guide.section.hall',
  consultPhone: 'guide.consultPhone',
  complaintPhone: 'guide.complaintPhone',
  faq: 'guide.section.faq',
  oneVisit: 'guide.oneVisit',
  scope: 'guide.scope',
  intermediaries: 'guide.section.intermediaries',
  situations: 'editor.section.situations',
};

/** Labels of the fields inside list elements and objects. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'editor.name',
  text: 'editor.conditionText',
  kind: 'editor.conditionKind',
  requirement: 'editor.requirement',
  conditionNote: 'guide.material.when',
  originals: 'editor.originals',
  copies: 'editor.copies',
  form: 'guide.material.form',
  source: 'guide.material.source',
  sourceRef: 'editor.sourceRef',
  basis: 'guide.material.basis',
  template: 'guide.material.template',
  sample: 'guide.material.sample',
  notes: 'guide.material.notes',
  when: 'editor.when',
  checkpoints: 'editor.checkpoints',
  role: 'editor.stepRole',
  days: 'editor.stepDays',
  standard: 'editor.stepStandard',
  options: 'editor.options',
  waivable: 'guide.fee.waivable',
  required: 'guide.intermediary.required',
  q: 'editor.faqQ',
  a: 'editor.faqA',
  law: 'editor.lawName',
  article: 'editor.article',
  address: 'guide.hall.address',
  hours: 'guide.hall.hours',
  licenseType: 'guide.result.licenseType',
};

/** Code-table elements and fields: shown by their labels. */
const TABLES: Record<string, keyof Dictionaries> = {
  caseType: 'caseTypes',
  handlingForms: 'handlingForms',
  onlineDepth: 'onlineDepths',
  delivery: 'deliveryMethods',
  audience: 'audiences',
  themes: 'themes',
  scope: 'handlingScopes',
  source: 'materialSources',
  form: 'materialForms',
  role: 'stepRoles',
};

function words(value: unknown, field: string, top: string, t: Translate, dict: Dict): string {
  if (value === null || value === undefined) return t('common.none');
  if (typeof value === 'boolean') return value ? t('catalog.yes') : t('catalog.no');
  const table = field === 'kind' && top === 'conditions' ? 'applicationKinds' : TABLES[field];
  if (field === 'requirement' && (value === 'required' || value === 'conditional')) return t(`guide.${value}`);
  if (typeof value === 'string') return table ? dict.label(table, value) : value || t('common.none');
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => words(v, field, top, t, dict)).join('\n') : t('common.none');
  if ('sha256' in value && 'filename' in value) return String(value.filename);
  if ('question' in value && 'anyOf' in value) return `${String(value.question)}: ${(value.anyOf as string[]).join(', ')}`;
  const lines = Object.entries(value)
    .filter(([k]) => k !== 'id' && k !== 'baseId')
    .map(([k, v]) => `${FIELD_LABELS[k] ? t(FIELD_LABELS[k]) : k}: ${words(v, k, top, t, dict).replace(/\n/g, '; ')}`);
  return lines.length ? lines.join('\n') : t('common.none');
}

/** Of two versions of an object, the fields that differ (all of them when one side is missing). */
function changedFields(before: unknown, after: unknown): [unknown, unknown] {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(before) || !isRecord(after)) return [before, after];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const pick = (v: Record<string, unknown>) => Object.fromEntries(keys.filter((k) => k in v).map((k) => [k, v[k]]));
  return [pick(before), pick(after)];
}

function elementLabel(entry: DiffEntry, t: Translate): string {
  const m = /^(\w+)(?:\[(.+)\])?$/.exec(entry.element);
  const top = m?.[1] ?? entry.element;
  const heading = ELEMENT_LABELS[top] ? t(ELEMENT_LABELS[top]) : top;
  if (!m?.[2]) return heading;
  const named = [entry.after, entry.before].find((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  const title = named?.name ?? named?.text ?? named?.q ?? m[2];
  return `${heading} · ${String(title)}`;
}

interface DiffTableProps {
  entries: DiffEntry[] | undefined;
  loading: boolean;
  from: number;
  to: number;
}

export function DiffTable({ entries, loading, from, to }: DiffTableProps) {
  const t = useT();
  const dict = useDictionaries();
  const cell = (entry: DiffEntry, side: 0 | 1) => {
    const top = entry.element.replace(/\[.*$/, '');
    return <pre className="diff-value">{words(changedFields(entry.before, entry.after)[side], top, top, t, dict)}</pre>;
  };
  return (
    <DataTable<DiffEntry>
      label={t('catalog.diff')}
      rowKey="element"
      data-testid="diff-table"
      loading={loading}
      dataSource={entries ?? []}
      pagination={false}
      tableLayout="fixed"
      scroll={{ x: 720 }}
      locale={{ emptyText: t('catalog.diffNone') }}
      columns={[
        { title: t('catalog.diffElement'), key: 'element', render: (_, e) => elementLabel(e, t), width: '20%' },
        { title: t('catalog.versionN', { number: from }), key: 'before', render: (_, e) => cell(e, 0), width: '40%' },
        { title: t('catalog.versionN', { number: to }), key: 'after', render: (_, e) => cell(e, 1), width: '40%' },
      ]}
    />
  );
}
