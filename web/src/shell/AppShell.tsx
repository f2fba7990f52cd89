/**
 * The frame of every area: skip link, header (brand, area, tools), navigation (in the header, at
 * the side, or in a drawer on phones), the main content and the footer's directory of areas.
 */
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useAuth } from '../auth.tsx';
import type { MessageKey } from '../i18n.ts';
import { useT } from '../prefs.tsx';
import { allAreas, type NavItem } from './areas.ts';
import { useDevMailbox } from './devMailbox.ts';
import { LanguageSwitch, LargeTypeToggle, UserMenu } from './HeaderTools.tsx';
import { RegionSwitcher } from './RegionSwitcher.tsx';
import './shell.css';

interface ShellProps {
  title: MessageKey;
  nav: NavItem[];
  /** Navigation at the side (many pages, staff at a desk) instead of under the header. */
  sideNav?: boolean;
  regionSwitcher?: boolean;
  staff?: boolean;
  /**
   * The account menu of an area whose users are not staff (my space: persons): in the header on
   * desktops (inline false) and in the drawer on phones (inline true).
   */
  userMenu?: (inline: boolean) => ReactNode;
  children: ReactNode;
}

export function AppShell({ title, nav, sideNav = false, regionSwitcher = false, staff = false, userMenu, children }: ShellProps) {
  const t = useT();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const devMailbox = useDevMailbox();
  useEffect(() => setDrawerOpen(false), [pathname]);

  const items = nav.filter((item) => !item.permission || can(item.permission));
  const menu = staff ? (inline: boolean) => <UserMenu inline={inline} /> : userMenu;
  const hasMenu = items.length > 0 || Boolean(menu);
  const navList = (vertical: boolean) => (
    <ul className={vertical ? 'nav-list nav-list--vertical' : 'nav-list'}>
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.end} className="nav-link">
            {t(item.label)}
            {item.badge}
          </NavLink>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('shell.skip')}
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          {hasMenu && (
            <Button
              className="only-phone"
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('shell.openMenu')}
              aria-expanded={drawerOpen}
              aria-controls="app-drawer"
              onClick={() => setDrawerOpen(true)}
              data-testid="menu-button"
            />
          )}
          <Link to="/" className="brand">
            <img className="brand__emblem" src="/favicon.svg" alt="" />
            <span>{t('brand')}</span>
          </Link>
          <span className="app-header__area only-desktop">{t(title)}</span>
          {regionSwitcher && (
            <div className="app-header__region">
              <RegionSwitcher />
            </div>
          )}
          <div className="app-header__tools">
            <LanguageSwitch />
            <LargeTypeToggle />
            {menu && <span className="only-desktop">{menu(false)}</span>}
          </div>
        </div>
        {!sideNav && items.length > 0 && (
          <nav className="app-nav only-desktop" aria-label={t('shell.areaNav', { area: t(title) })}>
            {navList(false)}
          </nav>
        )}
      </header>
      <div className="app-body">
        {sideNav && items.length > 0 && (
          <nav className="app-side only-desktop" aria-label={t('shell.areaNav', { area: t(title) })}>
            {navList(true)}
          </nav>
        )}
        <main id="main" className="app-main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="app-footer">
        <nav aria-label={t('shell.areas')}>
          <ul className="nav-list nav-list--footer">
            {allAreas.map((a) => (
              <li key={a.to}>
                <Link to={a.to}>{t(a.label)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        {devMailbox && (
          <nav aria-label={t('shell.devTools')} className="app-footer__dev">
            <Link to="/dev/mailbox">{t('shell.devMailbox')}</Link>
          </nav>
        )}
        <p>{t('shell.footer')}</p>
      </footer>
      <Drawer
        id="app-drawer"
        placement="left"
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        title={t(title)}
        size={300}
        closable={{ 'aria-label': t('shell.closeMenu') }}
      >
        {items.length > 0 && <nav aria-label={t('shell.areaNav', { area: t(title) })}>{navList(true)}</nav>}
        {menu && <div className="drawer-user">{menu(true)}</div>}
      </Drawer>
    </div>
  );
}
