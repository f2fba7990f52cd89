/**
 * Building blocks of the guide editor: a form field that shows the rule problems at its element,
 * editable lists (add, remove, reorder by keyboard), lists of sentences, the situation selector of
 * a material or condition, and file upload for templates and samples.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownOutlined, PlusOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Space, Tag, Upload, type FormItemProps } from 'antd';
import { useContext, useEffect, useState, type ReactNode } from 'react';
import { post } from '../../api.ts';
import { elementDomId, namePath, type NamePath } from '../../catalog/elements.ts';
import { FileLink } from '../../catalog/GuideView.tsx';
import type { FileRef, Question, When } from '../../catalog/types.ts';
import { useT } from '../../prefs.tsx';
import { toApiError } from '../../useApi.ts';
import { problemProps, ProblemsContext, useProblemsAt } from './problems.tsx';

/** A fresh id for a new list element (ids link materials and conditions to situations and base items). */
export const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A Form.Item that also shows the rule problems at `path` (the element's full path, e.g. `materials[2].source`). */
export function GField({ path, ...props }: FormItemProps & { path: string }) {
  return <Form.Item {...props} {...problemProps(useProblemsAt(path))} />;
}

/** Problems at an element without a field of its own (a whole list, or one list item). */
export function ElementProblems({ path }: { path: string }) {
  const messages = useProblemsAt(path);
  if (!messages.length) return null;
  return <Alert type="error" showIcon className="form-alert" title={messages.join(' ')} />;
}

interface ListEditorProps {
  /** The list's name in its Form.List (relative inside another list). */
  name: NamePath | string;
  /** The list's full element path, e.g. `materials` or `situations[1].options`. */
  path: string;
  /** What one element is called: 材料, 环节 … */
  noun: string;
  create: () => unknown;
  /** A field of the element shown in its heading (e.g. the material's name). */
  titleField?: string;
  /** One line per element (a single field, labelled by the caller), without a heading. */
  compact?: boolean;
  children: (field: { key: number; name: number }, index: number) => ReactNode;
}

/** ": name" after a list element's heading, as it is typed. */
function WatchedTitle({ name }: { name: NamePath }) {
  const t = useT();
  const title = Form.useWatch(name, { form: Form.useFormInstance(), preserve: true }) as unknown;
  return typeof title === 'string' && title ? t('editor.itemTitle', { title }) : null;
}

type ListField = { key: number; name: number };

/**
 * An editable list: one block per element with move up / move down / remove, and an add button.
 * Elements fold to their heading (a disclosure button) so that long guides stay light; one just
 * added, and one with rule problems, is open.
 */
export function ListEditor(props: ListEditorProps) {
  return <Form.List name={props.name}>{(fields, { add, remove, move }) => <ListBody {...props} fields={fields} add={add} remove={remove} move={move} />}</Form.List>;
}

interface ListBodyProps extends ListEditorProps {
  fields: ListField[];
  add: (value: unknown) => void;
  remove: (index: number) => void;
  move: (from: number, to: number) => void;
}

function ListBody({ path, noun, create, titleField, compact = false, children, fields, add, remove, move }: ListBodyProps) {
  const t = useT();
  const absolute = namePath(path);
  const problems = useContext(ProblemsContext);
  /** Elements opened or closed by the user; the others are open when they have problems. */
  const [chosen, setChosen] = useState<ReadonlyMap<number, boolean>>(new Map());
  const [added, setAdded] = useState(false);
  const lastKey = fields.at(-1)?.key;

  useEffect(() => {
    if (!added || lastKey === undefined) return;
    setAdded(false);
    setChosen((c) => new Map(c).set(lastKey, true));
    window.setTimeout(() => document.getElementById(elementDomId(`${path}[${fields.length - 1}]`))?.querySelector<HTMLElement>('.list-editor__body input, .list-editor__body textarea, .list-editor__field input')?.focus());
  }, [added, lastKey, path, fields.length]);

  return (
    <div id={elementDomId(path)} tabIndex={-1} className="list-editor">
      <ElementProblems path={path} />
      {fields.length > 0 && (
        <ol className={compact ? 'list-editor__items list-editor__items--compact' : 'list-editor__items'}>
          {fields.map((field, i) => {
            const itemPath = `${path}[${i}]`;
            const label = `${noun} ${i + 1}`;
            const buttons = (
              <Space size={4}>
                <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('editor.moveUp', { what: label })} />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === fields.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label={t('editor.moveDown', { what: label })}
                />
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label={t('editor.remove', { what: label })} />
              </Space>
            );
            if (compact) {
              return (
                <li key={field.key} className="list-editor__row" id={elementDomId(itemPath)} tabIndex={-1}>
                  <div className="list-editor__field">
                    {children(field, i)}
                    <ElementProblems path={itemPath} />
                  </div>
                  {buttons}
                </li>
              );
            }
            const troubled = problems.some((p) => p.element === itemPath || p.element.startsWith(`${itemPath}.`) || p.element.startsWith(`${itemPath}[`));
            const expanded = chosen.get(field.key) ?? troubled;
            const bodyId = `${elementDomId(itemPath)}-body`;
            return (
              <li key={field.key} className="list-editor__item" id={elementDomId(itemPath)} tabIndex={-1}>
                <div className="list-editor__head">
                  <h4>
                    <Button
                      type="text"
                      className="list-editor__toggle"
                      icon={expanded ? <DownOutlined /> : <RightOutlined />}
                      aria-expanded={expanded}
                      aria-controls={bodyId}
                      onClick={() => setChosen((c) => new Map(c).set(field.key, !expanded))}
                    >
                      <span className="list-editor__title">
                        {label}
                        {titleField && <WatchedTitle name={[...absolute, i, titleField]} />}
                      </span>
                    </Button>
                  </h4>
                  {buttons}
                </div>
                {expanded && (
                  <div id={bodyId} className="list-editor__body">
                    <ElementProblems path={itemPath} />
                    {children(field, i)}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <Button
        icon={<PlusOutlined />}
        onClick={() => {
          add(create());
          setAdded(true);
        }}
      >
        {t('editor.add', { what: noun })}
      </Button>
    </div>
  );
}

interface StringListInputProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** What one sentence is called, for labels: 审查要点 … */
  noun: string;
  id?: string;
}

/** A list of sentences (checkpoints, prohibited requirements). */
export function StringListInput({ value = [], onChange, noun, id }: StringListInputProps) {
  const t = useT();
  const set = (next: string[]) => onChange?.(next);
  return (
    <div id={id}>
      {value.length > 0 && (
        <ol className="string-list">
          {value.map((text, i) => (
            <li key={i} className="string-list__row">
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={text}
                aria-label={`${noun} ${i + 1}`}
                onChange={(e) => set(value.map((v, j) => (j === i ? e.target.value : v)))}
              />
              <Button icon={<DeleteOutlined />} aria-label={t('editor.remove', { what: `${noun} ${i + 1}` })} onClick={() => set(value.filter((_, j) => j !== i))} />
            </li>
          ))}
        </ol>
      )}
      <Button size="small" icon={<PlusOutlined />} onClick={() => set([...value, ''])}>
        {t('editor.add', { what: noun })}
      </Button>
    </div>
  );
}

interface WhenInputProps {
  value?: When;
  onChange?: (value: When) => void;
  questions: Question[];
  id?: string;
}

/** When a material or condition applies: for each situation question, the answers that select it (none = any answer). */
export function WhenInput({ value = [], onChange, questions, id }: WhenInputProps) {
  const t = useT();
  const known = new Set(questions.map((q) => q.id));
  const set = (question: string, anyOf: string[]) => {
    const others = value.filter((c) => c.question !== question);
    onChange?.(anyOf.length ? [...others, { question, anyOf }] : others);
  };
  if (!questions.length && !value.length) return <p className="muted">{t('editor.noQuestions')}</p>;
  return (
    <div id={id} className="when-rows">
      {questions.map((q) => (
        <div key={q.id} className="when-row">
          <span>{q.text || t('editor.untitledQuestion')}</span>
          <Select
            mode="multiple"
            allowClear
            aria-label={t('editor.whenFor', { question: q.text || t('editor.untitledQuestion') })}
            placeholder={t('editor.whenAny')}
            value={value.find((c) => c.question === q.id)?.anyOf ?? []}
            onChange={(anyOf: string[]) => set(q.id, anyOf)}
            options={q.options.map((o) => ({ value: o.id, label: o.label || o.id }))}
          />
        </div>
      ))}
      {value
        .filter((c) => !known.has(c.question))
        .map((c) => (
          <div key={c.question} className="when-row">
            <Tag color="red">{t('editor.whenUnknown', { id: c.question })}</Tag>
            <Button size="small" onClick={() => onChange?.(value.filter((x) => x !== c))}>
              {t('editor.whenDrop')}
            </Button>
          </div>
        ))}
    </div>
  );
}

interface FileInputProps {
  value?: FileRef;
  onChange?: (value: FileRef | undefined) => void;
  /** What the file is, for labels: 空白表格 … */
  noun: string;
  id?: string;
}

/** Upload of a template or sample (PDF, image, OFD or XLSX; the server judges the type by content). */
export function FileInput({ value, onChange, noun, id }: FileInputProps) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <Space wrap id={id}>
      {value && <FileLink file={value} label={value.filename} />}
      <Upload
        accept=".pdf,.jpg,.jpeg,.png,.ofd,.xlsx"
        showUploadList={false}
        customRequest={({ file, onSuccess, onError }) => {
          const body = new FormData();
          body.append('file', file);
          post<{ sha256: string; fileName: string }>('/api/files', body).then(
            (f) => {
              onChange?.({ sha256: f.sha256, filename: f.fileName });
              onSuccess?.(f);
              message.success(t('editor.uploaded', { name: f.fileName }));
            },
            (e: unknown) => {
              const err = toApiError(e);
              onError?.(err);
              message.error(err.message);
            },
          );
        }}
      >
        <Button size="small" icon={<UploadOutlined />}>
          {value ? t('editor.replaceFile', { what: noun }) : t('editor.uploadFile', { what: noun })}
        </Button>
      </Upload>
      {value && (
        <Button size="small" onClick={() => onChange?.(undefined)}>
          {t('editor.removeFile', { what: noun })}
        </Button>
      )}
    </Space>
  );
}
