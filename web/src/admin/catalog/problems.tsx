/**
 * Rule problems of a guide version, each at its element: from GET …/problems, from a refused
 * submit or publish (422 guide-rules) and from schema validation (400). Fields and list items read
 * the ones at their element.
 */
import { createContext, useContext } from 'react';
import type { ApiError } from '../../api.ts';
import type { GuideProblem } from '../../catalog/types.ts';
import { elementOfField, fieldElement } from '../../catalog/elements.ts';
import type { Lang } from '../../types.ts';

export interface ShownProblem {
  element: string;
  rule: string;
  message: string;
}

export const fromRules = (problems: GuideProblem[], lang: Lang): ShownProblem[] =>
  problems.map((p) => ({ element: p.element, rule: p.rule, message: p[lang] }));

/** The element problems a refusal names (422 rules, 400 validation); empty for other errors. */
export const fromRefusal = (error: ApiError): ShownProblem[] =>
  error.status === 422 || error.status === 400
    ? (error.problem.errors ?? []).map((e) => ({ element: elementOfField(e.field), rule: e.rule, message: e.message }))
    : [];

export const ProblemsContext = createContext<ShownProblem[]>([]);
export const ProblemsProvider = ProblemsContext.Provider;

/** Messages of the problems shown at `element` (a situation clause's problem shows at its `when` field). */
export function useProblemsAt(element: string): string[] {
  return useContext(ProblemsContext)
    .filter((p) => fieldElement(p.element) === element)
    .map((p) => p.message);
}

/** Form.Item props that show problems as the field's error. */
export const problemProps = (messages: string[]) => (messages.length ? { validateStatus: 'error' as const, help: messages.join(' ') } : {});
