/**
 * What applies to an applicant's situation answers (POST /api/portal/items/:code/applicable): the
 * materials and conditions, asked again whenever the answers change; null until the first answer
 * arrives, the error when the server refused.
 */
import { useEffect, useState } from 'react';
import { post, type ApiError } from '../api.ts';
import { toApiError } from '../useApi.ts';
import type { Applicable } from './types.ts';

export function useApplicable(code: string, answers: Record<string, string>): Applicable | ApiError | null {
  const [applicable, setApplicable] = useState<Applicable | ApiError | null>(null);
  const answersKey = JSON.stringify(answers);
  useEffect(() => {
    let live = true;
    post<Applicable>(`/api/portal/items/${encodeURIComponent(code)}/applicable`, { answers: JSON.parse(answersKey) as Record<string, string> }).then(
      (r) => live && setApplicable(r),
      (e: unknown) => live && setApplicable(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [code, answersKey]);
  return applicable;
}
