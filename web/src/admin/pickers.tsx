/** Form controls for admin pages: a region within the user's reach, and a department of a region. */
import { Cascader, Input, Select } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { withQuery } from '../api.ts';
import { useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import { cascaderValue, regionOptions } from '../regions.ts';
import type { Department, Page, Permission } from '../types.ts';
import { useApi } from '../useApi.ts';
import { useAdmin } from './adminContext.tsx';

interface RegionPickerProps {
  /** Only regions where the user holds this permission are offered. */
  permission: Permission;
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

export function RegionPicker({ permission, value, onChange, ...rest }: RegionPickerProps) {
  const t = useT();
  const { index } = useRegions();
  const { regionRoots } = useAdmin();
  const roots = regionRoots(permission);
  const rootsKey = roots.join(',');
  const options = useMemo(() => (index ? regionOptions(index, rootsKey.split(',')) : []), [index, rootsKey]);
  return (
    <Cascader
      {...rest}
      placeholder={rest.placeholder ?? t('region.choose')}
      options={options}
      value={index && value ? cascaderValue(index, value, roots) : undefined}
      changeOnSelect
      allowClear={false}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())) }}
      displayRender={(labels) => labels.join(' / ')}
      onChange={(path) => onChange?.(path?.length ? String(path.at(-1)) : undefined)}
    />
  );
}

interface DepartmentSelectProps {
  regionCode: string | undefined;
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
}

/** The active departments of one region (not of its subregions). */
export function DepartmentSelect({ regionCode, value, onChange, id, placeholder, 'aria-label': ariaLabel }: DepartmentSelectProps) {
  const t = useT();
  const { data, loading } = useApi<Page<Department>>(
    regionCode ? withQuery('/api/departments', { regionCode, includeSubregions: false, pageSize: 100 }) : null,
  );
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      disabled={!regionCode}
      placeholder={placeholder ?? (regionCode ? t('department.choose') : t('department.chooseRegionFirst'))}
      options={(data?.items ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

interface SearchToolbarProps {
  /** The search box's label and placeholder. */
  searchLabel: string;
  permission: Permission;
  regionCode: string | undefined;
  /** A new search or region: the caller goes back to page 1. */
  onSearch(q: string): void;
  onRegion(code: string | undefined): void;
  children?: ReactNode;
}

/** The toolbar of the admin lists: a search box and a region filter (and whatever else the list needs). */
export function SearchToolbar({ searchLabel, permission, regionCode, onSearch, onRegion, children }: SearchToolbarProps) {
  const t = useT();
  return (
    <div className="toolbar">
      <Input.Search
        aria-label={searchLabel}
        placeholder={searchLabel}
        allowClear
        enterButton={t('common.search')}
        onSearch={(value) => onSearch(value.trim())}
        style={{ maxWidth: 360 }}
      />
      <RegionPicker permission={permission} aria-label={t('common.filterRegion')} placeholder={t('common.filterRegion')} value={regionCode} onChange={onRegion} />
      {children}
    </div>
  );
}
