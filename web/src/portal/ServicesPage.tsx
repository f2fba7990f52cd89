/**
 * 办事服务: the published items of the region chosen in the header, browsed by audience, theme,
 * department and type, or searched (Chinese, pinyin, initials, codes) with the matches marked.
 * The query and filters live in the address, so a search can be bookmarked and shared.
 */
import { FilterOutlined } from '@ant-design/icons';
import { Button, Pagination, Radio, Select, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { withQuery } from '../api.ts';
import { useDictionaries } from '../catalog/dictionaries.ts';
import { Highlighted } from '../catalog/Highlighted.tsx';
import type { SearchHit } from '../catalog/types.ts';
import '../catalog/catalog.css';
import { useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import type { Items, Page, PublicDepartment } from '../types.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { ServiceSearchBox } from './ServiceSearchBox.tsx';

const PAGE_SIZE = 10;
const FILTERS = ['q', 'audience', 'theme', 'department', 'type'] as const;
type Filter = (typeof FILTERS)[number];

export default function ServicesPage() {
  const t = useT();
  const dict = useDictionaries();
  const { current, currentPath, error } = useRegions();
  const [params, setParams] = useSearchParams();
  const value = (k: Filter) => params.get(k) ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const regionCode = current?.code ?? null;
  // On phones the filters fold away under a button, so that the results come first.
  const [filtersOpen, setFiltersOpen] = useState(false);

  /** Changes some filters; any change but a page turn goes back to page 1. */
  const update = (changes: Partial<Record<Filter | 'page', string>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  // A department belongs to one region: switching regions drops it.
  const shownRegion = useRef(regionCode);
  useEffect(() => {
    if (shownRegion.current !== null && regionCode !== shownRegion.current && params.has('department')) {
      const next = new URLSearchParams(params);
      next.delete('department');
      next.delete('page');
      setParams(next, { replace: true });
    }
    shownRegion.current = regionCode;
  }, [regionCode, params, setParams]);

  const results = useApi<Page<SearchHit>>(
    regionCode &&
      withQuery('/api/portal/search', {
        q: value('q'),
        regionCode,
        audience: value('audience'),
        theme: value('theme'),
        departmentId: value('department'),
        type: value('type'),
        page,
        pageSize: PAGE_SIZE,
      }),
  );
  const departments = useApi<Items<PublicDepartment>>(regionCode && withQuery('/api/public/departments', { regionCode }));

  if (error) return <ProblemAlert error={error} />;
  if (!current) return <Loading />;

  const audience = value('audience');
  const themes = dict.options('themes', (code) => !audience || dict.data?.themes[code]?.audience === audience);
  const filterCount = FILTERS.filter((k) => k !== 'q' && value(k)).length;

  return (
    <>
      <PageHeader title={t('services.title')} lead={t('services.lead', { region: currentPath.map((r) => r.name).join(' / ') })} />
      <div className="toolbar">
        <ServiceSearchBox initial={value('q')} onSearch={(q) => update({ q })} />
        <Button
          className="only-phone"
          icon={<FilterOutlined />}
          aria-expanded={filtersOpen}
          aria-controls="service-filters"
          onClick={() => setFiltersOpen((o) => !o)}
          data-testid="filters-toggle"
        >
          {filterCount ? t('services.filtersCount', { count: filterCount }) : t('services.filters')}
        </Button>
      </div>

      <div id="service-filters" className={filtersOpen ? 'service-filters' : 'service-filters service-filters--folded'} data-testid="service-filters">
        <div className="service-filters__row">
          <span id="filter-audience" className="service-filters__label">
            {t('services.audience')}
          </span>
          <Radio.Group
            aria-labelledby="filter-audience"
            optionType="button"
            value={audience}
            onChange={(e) => update({ audience: String(e.target.value), theme: '' })}
            options={[{ value: '', label: t('services.all') }, ...dict.options('audiences')]}
          />
        </div>
        <div className="service-filters__row" role="group" aria-labelledby="filter-theme">
          <span id="filter-theme" className="service-filters__label">
            {t('services.theme')}
          </span>
          <ul className="theme-chips">
            {themes.map((th) => {
              const on = value('theme') === th.value;
              return (
                <li key={th.value}>
                  <Button size="small" type={on ? 'primary' : 'default'} aria-pressed={on} onClick={() => update({ theme: on ? '' : th.value })}>
                    {th.label}
                  </Button>
                </li>
              );
            })}
          </ul>
        </div>
        <div className="service-filters__selects">
          <Select
            aria-label={t('services.department')}
            placeholder={t('services.departmentAll')}
            value={value('department') || undefined}
            onChange={(v: string | undefined) => update({ department: v ?? '' })}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.loading}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
          <Select
            aria-label={t('services.type')}
            placeholder={t('services.typeAll')}
            value={value('type') || undefined}
            onChange={(v: string | undefined) => update({ type: v ?? '' })}
            allowClear
            options={dict.options('itemTypes')}
          />
          {filterCount > 0 && (
            <Button onClick={() => update({ audience: '', theme: '', department: '', type: '' })}>{t('services.clearFilters')}</Button>
          )}
        </div>
      </div>

      {results.error && <ProblemAlert error={results.error} />}
      {results.loading && !results.data && <Loading />}
      {results.data && (
        <section aria-labelledby="results-count">
          <p id="results-count" role="status" data-testid="results-count">
            {results.data.total ? t('services.found', { total: results.data.total }) : t('services.none')}
          </p>
          <ol className="service-results" data-testid="service-results" aria-busy={results.loading}>
            {results.data.items.map((hit) => (
              <li key={hit.id} className="service-result">
                <h2 className="service-result__name">
                  <Link to={`/services/${hit.code}`}>
                    <Highlighted text={hit.name} ranges={hit.highlights} />
                  </Link>
                </h2>
                <p className="service-result__meta">
                  <span>{dict.label('itemTypes', hit.type)}</span>
                  <span>{hit.regionName}</span>
                  {hit.departmentName && <span>{hit.departmentName}</span>}
                  {hit.canApplyOnline && <Tag color="blue">{t('services.online')}</Tag>}
                </p>
              </li>
            ))}
          </ol>
          {results.data.total > PAGE_SIZE && (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={results.data.total}
              showSizeChanger={false}
              showLessItems
              onChange={(p) => update({ page: String(p) })}
            />
          )}
        </section>
      )}
    </>
  );
}
