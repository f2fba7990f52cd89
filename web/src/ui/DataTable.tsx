/**
 * antd's Table, made keyboard-friendly: when the table is wider than its box (phones, many
 * columns), the scrolling box becomes a named, focusable region so that arrow keys can scroll it.
 */
import { Table, type TablePaginationConfig, type TableProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { usePrefs } from '../prefs.tsx';

/**
 * Page and page size of a server-paged table, and the table's pagination for a total: changing the
 * page size goes back to the first page.
 */
export function usePaging(initialPageSize = 20, pageSizeOptions?: number[]) {
  const { t } = usePrefs();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    ...(pageSizeOptions && { pageSizeOptions }),
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (p, size) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  });
  return { page, pageSize, setPage, pagination };
}

export function DataTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const root = box.current;
    if (!root) return;
    const mark = () => {
      for (const el of root.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
        if (el.scrollWidth > el.clientWidth + 1) {
          el.tabIndex = 0;
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', label);
        } else {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    mark();
    const observer = new ResizeObserver(mark);
    observer.observe(root);
    const mutations = new MutationObserver(mark);
    mutations.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, [label]);

  return (
    <div ref={box}>
      <Table<T> scroll={{ x: 'max-content' }} {...props} />
    </div>
  );
}
