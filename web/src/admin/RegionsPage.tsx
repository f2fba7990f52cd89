/** Regions: the subtree the user may see, loaded level by level, with a region's departments and halls. */
import {Card, Descriptions, Tree, type TreeDataNode } from 'antd';
import { useEffect, useState } from 'react';
import { get, withQuery, type ApiError } from '../api.ts';
import { useT, type Translate } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import type { Department, Hall, Items, Page, RegionChild } from '../types.ts';
import { toApiError, useApi } from '../useApi.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useAdmin } from './adminContext.tsx';
import { DataTable } from '../ui/DataTable.tsx';

const childNode = (c: RegionChild, t: Translate): TreeDataNode => ({
  key: c.code,
  title: t('regions.nodeTitle', { name: c.name, departments: c.departmentCount, halls: c.hallCount }),
  isLeaf: c.childCount === 0,
});

function withChildren(nodes: TreeDataNode[], key: string, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((n) =>
    n.key === key ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n,
  );
}

export function RegionsPage() {
  const t = useT();
  const { index } = useRegions();
  const { regionRoots } = useAdmin();
  const rootsKey = regionRoots('org:read').join(',');
  const [tree, setTree] = useState<TreeDataNode[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!index || !rootsKey) return;
    const roots = rootsKey.split(',').flatMap((code) => {
      const r = index.byCode.get(code);
      return r ? [{ key: r.code, title: r.name, isLeaf: !(index.childrenOf.get(r.code)?.length) }] : [];
    });
    setTree(roots);
    setExpanded(roots.map((r) => r.key));
    setSelected((s) => s ?? roots[0]?.key ?? null);
  }, [index, rootsKey]);

  const loadChildren = async (node: TreeDataNode) => {
    if (node.children) return;
    const code = String(node.key);
    try {
      const children = await get<RegionChild[]>(`/api/regions/${code}/children`);
      setTree((nodes) => withChildren(nodes, code, children.map((c) => childNode(c, t))));
    } catch (e) {
      setLoadError(toApiError(e));
    }
  };

  return (
    <>
      <PageHeader title={t('regions.title')} lead={t('regions.lead')} />
      {loadError && <ProblemAlert error={loadError} />}
      <div className="split">
        <Card title={<h2 className="card-title">{t('regions.tree')}</h2>}>
          <Tree
            treeData={tree}
            loadData={loadChildren}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(String))}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
            aria-label={t('regions.tree')}
            data-testid="region-tree"
          />
        </Card>
        {selected && <RegionDetail code={selected} />}
      </div>
    </>
  );
}

function RegionDetail({ code }: { code: string }) {
  const t = useT();
  const { index } = useRegions();
  const region = index?.byCode.get(code);
  const departments = useApi<Page<Department>>(
    withQuery('/api/departments', { regionCode: code, includeSubregions: false, pageSize: 100 }),
  );
  const halls = useApi<Items<Hall>>(withQuery('/api/halls', { regionCode: code }));

  return (
    <Card title={<h2 className="card-title">{region?.name ?? code}</h2>} data-testid="region-detail">
      <div className="stack">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'code', label: t('regions.code'), children: code },
            { key: 'type', label: t('regions.type'), children: region?.type ?? '' },
            { key: 'level', label: t('regions.level'), children: region ? t(`regions.level.${region.level}`) : '' },
          ]}
        />
        <section aria-labelledby="region-departments">
          <h3 id="region-departments">{t('regions.departments')}</h3>
          {departments.error && <ProblemAlert error={departments.error} />}
          <DataTable<Department>
            label={t('regions.departments')}
            rowKey="id"
            size="small"
            loading={departments.loading}
            dataSource={departments.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('department.name'), dataIndex: 'name' },
              { title: t('department.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => v ?? t('common.none') },
              { title: t('common.status'), dataIndex: 'active', render: (v: boolean) => (v ? t('common.active') : t('common.inactive')) },
            ]}
          />
        </section>
        <section aria-labelledby="region-halls">
          <h3 id="region-halls">{t('regions.halls')}</h3>
          {halls.error && <ProblemAlert error={halls.error} />}
          <DataTable<Hall>
            label={t('regions.halls')}
            rowKey="id"
            size="small"
            loading={halls.loading}
            dataSource={halls.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('hall.name'), dataIndex: 'name' },
              { title: t('hall.address'), dataIndex: 'address' },
              { title: t('hall.hours'), dataIndex: 'hours' },
              { title: t('hall.windows'), key: 'windows', render: (_, h) => h.windows.filter((w) => w.active).length },
            ]}
          />
        </section>
      </div>
    </Card>
  );
}
