import { useInfiniteQuery } from '@tanstack/react-query';
import { listAudit, type AuditFilter } from '../../api/audit';
import { keys } from '../../api/keys';

/** While the page is open, the newest events are read again this often (and when the tab comes back). */
export const LIVE_REFRESH_MS = 5000;

/** The project's events, newest first, one page after another ("Load older"); refreshed live. */
export function useAuditLog(projectId: string, filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: [...keys.audit(projectId), filter] as const,
    queryFn: ({ pageParam }) => listAudit(projectId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    refetchInterval: LIVE_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}
