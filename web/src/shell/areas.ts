/** The audiences of the platform: each area has its own address, navigation and layout. */
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n.ts';
import type { Permission } from '../types.ts';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Active only on exactly this path (an area's index page). */
  end?: boolean;
  /** Shown only to users holding this permission. */
  permission?: Permission;
  /** Shown after the label: a count such as unread messages. */
  badge?: ReactNode;
}

/** Areas whose modules come later: each page says in one line what will appear there. */
export type ComingKey = 'supervision' | 'market';

export interface ComingArea {
  key: ComingKey;
  title: MessageKey;
  staff: boolean;
  pages: { path: string; label: MessageKey; soon: MessageKey }[];
}

export const comingAreas: ComingArea[] = [
  {
    key: 'supervision',
    title: 'area.supervision',
    staff: true,
    pages: [
      { path: '', label: 'nav.supervision.timeLimits', soon: 'soon.supervision.timeLimits' },
      { path: 'assessment', label: 'nav.supervision.assessment', soon: 'soon.supervision.assessment' },
      { path: 'inspections', label: 'nav.supervision.inspections', soon: 'soon.supervision.inspections' },
    ],
  },
  {
    key: 'market',
    title: 'area.market',
    staff: false,
    pages: [
      { path: '', label: 'nav.market.services', soon: 'soon.market.services' },
      { path: 'agencies', label: 'nav.market.agencies', soon: 'soon.market.agencies' },
      { path: 'projects', label: 'nav.market.projects', soon: 'soon.market.projects' },
    ],
  },
];

export const comingArea = (key: ComingKey): ComingArea => {
  const area = comingAreas.find((a) => a.key === key);
  if (!area) throw new Error(`no area ${key}`);
  return area;
};

export const navOf = (area: ComingArea): NavItem[] =>
  area.pages.map((p) => ({ to: p.path ? `/${area.key}/${p.path}` : `/${area.key}`, label: p.label, end: !p.path }));

/** Every area, for the footer's directory and the staff area switcher. */
export const allAreas: { to: string; label: MessageKey; staff: boolean }[] = [
  { to: '/', label: 'area.portal', staff: false },
  { to: '/public', label: 'area.public', staff: false },
  { to: '/market', label: 'area.market', staff: false },
  { to: '/my', label: 'area.my', staff: false },
  { to: '/window', label: 'area.window', staff: true },
  { to: '/workbench', label: 'area.workbench', staff: true },
  { to: '/supervision', label: 'area.supervision', staff: true },
  { to: '/admin', label: 'area.admin', staff: true },
];
