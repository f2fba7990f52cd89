/**
 * 情形引导: the item's questions, and after each answer exactly the conditions and materials that
 * apply, as the server decides them (the same rules case intake uses).
 */
import { Button, Radio, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, post } from '../api.ts';
import { useDictionaries } from '../catalog/dictionaries.ts';
import type { Applicable, Question } from '../catalog/types.ts';
import { useT } from '../prefs.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { toApiError } from '../useApi.ts';

export function SituationGuide({ code, questions }: { code: string; questions: Question[] }) {
  const t = useT();
  const { label } = useDictionaries();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Applicable | ApiError | null>(null);

  useEffect(() => {
    let live = true;
    post<Applicable>(`/api/portal/items/${encodeURIComponent(code)}/applicable`, { answers }).then(
      (r) => live && setResult(r),
      (e: unknown) => live && setResult(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [code, answers]);

  return (
    <div data-testid="situation-guide">
      <p>{t('situation.lead')}</p>
      <div className="situation-questions no-print">
        {questions.map((q) => (
          <div key={q.id} className="situation-question">
            <p id={`q-${q.id}`} className="situation-question__text">
              {q.text}
            </p>
            <Radio.Group
              aria-labelledby={`q-${q.id}`}
              value={answers[q.id]}
              onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: String(e.target.value) }))}
              options={q.options.map((o) => ({ value: o.id, label: o.label }))}
            />
          </div>
        ))}
        {Object.keys(answers).length > 0 && (
          <div>
            <Button onClick={() => setAnswers({})}>{t('situation.reset')}</Button>
          </div>
        )}
      </div>
      {result instanceof ApiError && <ProblemAlert error={result} />}
      {result && !(result instanceof ApiError) && (
        <div className="situation-result" aria-live="polite" data-testid="situation-result">
          <p>{result.unanswered.length ? t('situation.unanswered', { count: result.unanswered.length }) : t('situation.allAnswered')}</p>
          <h3>{t('situation.materials', { count: result.materials.length })}</h3>
          <ol className="guide-list" data-testid="applicable-materials">
            {result.materials.map((m) => (
              <li key={m.id}>
                {m.name} <Tag>{label('materialSources', m.source)}</Tag>
              </li>
            ))}
          </ol>
          {result.conditions.length > 0 && (
            <>
              <h3>{t('situation.conditions', { count: result.conditions.length })}</h3>
              <ol className="guide-list" data-testid="applicable-conditions">
                {result.conditions.map((c) => (
                  <li key={c.id}>{c.text}</li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </div>
  );
}
