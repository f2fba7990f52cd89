import { useRegions } from '../../regionContext.tsx';

/** The province's region code (the top of the region tree): base items and their imports live there. */
export function useProvinceCode(): string | undefined {
  return useRegions().index?.childrenOf.get(null)?.[0]?.code;
}
