/**
 * Adding items: a base item (基本目录, kept by the province) and a local item (实施清单) of a
 * published base item in a region and agency, whose implementation code the server composes.
 */
import { Checkbox, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { post, withQuery } from '../../api.ts';
import { useDictionaries } from '../../catalog/dictionaries.ts';
import type { CatalogItem, CatalogListItem, PublishedItem } from '../../catalog/types.ts';
import { useT } from '../../prefs.tsx';
import type { Page } from '../../types.ts';
import { FormModal } from '../../ui/forms.tsx';
import { useApi } from '../../useApi.ts';
import { useAdmin } from '../adminContext.tsx';
import { DepartmentSelect, RegionPicker } from '../pickers.tsx';
import { useProvinceCode } from './province.ts';

const BASE_CODE = /^[0-9A-Z]{12}$/;

interface BaseValues {
  code: string;
  name: string;
  type: string;
  departmentId?: string;
  levels: string[];
}

export function CreateBaseItemModal({ onCancel, onDone }: { onCancel: () => void; onDone: (item: CatalogItem) => void }) {
  const t = useT();
  const dict = useDictionaries();
  const province = useProvinceCode();
  const required = { required: true, message: t('common.required') };
  return (
    <FormModal<BaseValues, CatalogItem>
      title={t('catalog.createBase')}
      okText={t('common.create')}
      testId="create-base-form"
      initialValues={{ levels: ['2', '3', '4'] }}
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) => post<CatalogItem>('/api/catalog/base-items', { code: v.code.trim().toUpperCase(), name: v.name.trim(), type: v.type, departmentId: v.departmentId ?? null, levels: v.levels })}
    >
      <Form.Item name="code" label={t('guide.baseCode')} extra={t('catalog.baseCodeHint')} rules={[required, { pattern: /^[0-9A-Za-z]{12}$/, message: t('catalog.baseCodeFormat') }]}>
        <Input maxLength={12} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('catalog.col.name')} rules={[required, { min: 2, message: t('catalog.nameShort') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="type" label={t('guide.type')} rules={[required]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={dict.options('itemTypes').map((o) => ({ ...o, label: `${o.value} ${o.label}` }))} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('catalog.responsible')}>
        <DepartmentSelect regionCode={province} />
      </Form.Item>
      <Form.Item name="levels" label={t('catalog.levels')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
        <Checkbox.Group options={dict.options('levels')} />
      </Form.Item>
    </FormModal>
  );
}

/**
 * A published base item: searched in the province's list by those who may read it, otherwise
 * looked up by its 12-character base code in the published catalog.
 */
function BaseItemSelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (id: string | undefined) => void }) {
  const t = useT();
  const { regionRoots } = useAdmin();
  const province = useProvinceCode();
  const readsProvince = province !== undefined && regionRoots('catalog:read').includes(province);
  const [search, setSearch] = useState('');
  const code = search.trim().toUpperCase();
  const list = useApi<Page<CatalogListItem>>(readsProvince ? withQuery('/api/catalog/items', { regionCode: province, kind: 'base', status: 'active', q: search.trim(), pageSize: 20 }) : null);
  const byCode = useApi<PublishedItem>(!readsProvince && BASE_CODE.test(code) ? `/api/portal/items/${code}` : null);
  const items = readsProvince ? (list.data?.items ?? []).filter((i) => i.publishedVersion !== null) : byCode.data?.item.kind === 'base' ? [byCode.data.item] : [];
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={list.loading || byCode.loading}
      placeholder={readsProvince ? t('catalog.baseSearch') : t('catalog.baseByCode')}
      notFoundContent={t('catalog.baseNone')}
      options={items.map((i) => ({ value: i.id, label: `${i.name} (${i.baseCode})` }))}
      data-testid="base-item-select"
    />
  );
}

interface LocalValues {
  baseId: string;
  regionCode: string;
  departmentId: string;
  entrustedDepartmentId?: string;
  name?: string;
}

function AgencyFields() {
  const t = useT();
  const regionCode = Form.useWatch<string | undefined>('regionCode');
  return (
    <>
      <Form.Item name="departmentId" label={t('guide.department')} rules={[{ required: true, message: t('common.required') }]}>
        <DepartmentSelect regionCode={regionCode} />
      </Form.Item>
      <Form.Item name="entrustedDepartmentId" label={t('catalog.entrustedOptional')}>
        <DepartmentSelect regionCode={regionCode} />
      </Form.Item>
    </>
  );
}

export function CreateLocalItemModal({ onCancel, onDone }: { onCancel: () => void; onDone: (item: CatalogItem) => void }) {
  const t = useT();
  const { regionRoots } = useAdmin();
  const required = { required: true, message: t('common.required') };
  return (
    <FormModal<LocalValues, CatalogItem>
      title={t('catalog.createLocal')}
      okText={t('common.create')}
      testId="create-local-form"
      initialValues={{ regionCode: regionRoots('catalog:edit')[0] }}
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) =>
        post<CatalogItem>('/api/catalog/local-items', {
          baseId: v.baseId,
          regionCode: v.regionCode,
          departmentId: v.departmentId,
          entrustedDepartmentId: v.entrustedDepartmentId ?? null,
          ...(v.name?.trim() && { name: v.name.trim() }),
        })
      }
    >
      <p className="muted">{t('catalog.createLocalLead')}</p>
      <Form.Item name="baseId" label={t('catalog.baseItem')} rules={[required]}>
        <BaseItemSelect />
      </Form.Item>
      <Form.Item name="regionCode" label={t('catalog.localRegion')} rules={[required]}>
        <RegionPicker permission="catalog:edit" />
      </Form.Item>
      <AgencyFields />
      <Form.Item name="name" label={t('catalog.localName')} extra={t('catalog.localNameHint')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
