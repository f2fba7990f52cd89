/** Tags for the states of items and versions, and the date-time format of the catalog's staff pages. */
import { Tag } from 'antd';
import type { ItemStatus, VersionStatus } from '../../catalog/types.ts';
import { usePrefs, useT } from '../../prefs.tsx';

export function VersionStatusTag({ status }: { status: VersionStatus }) {
  const t = useT();
  return <Tag className={`tag-version tag-version--${status}`}>{t(`catalog.version.${status}`)}</Tag>;
}

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const t = useT();
  return <Tag className={status === 'active' ? 'tag-ok' : status === 'cancelled' ? 'tag-bad' : 'tag-version tag-version--submitted'}>{t(`catalog.status.${status}`)}</Tag>;
}

/** Instants as Hubei reads them (Asia/Shanghai), in the user's language; empty for none. */
export function useDateTime() {
  const { lang, t } = usePrefs();
  const format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  return (iso: string | null | undefined) => (iso ? format.format(new Date(iso)) : t('common.none'));
}
