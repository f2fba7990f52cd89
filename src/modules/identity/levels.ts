import { forbidden, Problem } from '../../core/errors.ts';
import type { Principal } from '../../core/permissions.ts';
import { levelMeets } from './model.ts';

const LEVEL_NAMES = { 1: 'L1', 2: 'L2', 3: 'L3' } as const;

/**
 * Refuses a caller below a real-name level (an item that requires L2, registering an enterprise …)
 * with 403 level-required naming the level needed and the caller's.
 */
export function requireLevel(principal: Principal | null, minimum: 1 | 2 | 3): void {
  if (principal?.kind !== 'person') throw forbidden();
  if (levelMeets(principal.level, minimum)) return;
  const need = LEVEL_NAMES[minimum];
  throw new Problem(
    403,
    'level-required',
    { zh: `需要实名等级 ${need} 及以上（当前 ${LEVEL_NAMES[principal.level]}）：请先完成实名核验`, en: `needs real-name level ${need} or above (yours is ${LEVEL_NAMES[principal.level]}): verify your identity first` },
    [],
    { requiredLevel: minimum, level: principal.level },
  );
}
