import { DashboardOutlined, GlobalOutlined, LogoutOutlined, MenuOutlined, PhoneOutlined, SolutionOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth, type Role } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { NotificationBell } from './NotificationBell';
import { useOrg } from '../org/org';

export function BrandMark() {
  return (
    <svg className="pls-brand-mark" viewBox="0 0 64 64" aria-hidden>
      <rect width="64" height="64" rx="12" fill="#1d4f91" />
      <path d="M32 12l4 10h-8z M18 24h28v3H18z M22 30l-6 12h12z M42 30l-6 12h12z M31 27h2v22h-2z M22 50h20v3H22z" fill="#f4c542" />
    </svg>
  );
}

export function AppHeader() {
  const { t, lang, setLang } = useI18n();
  const auth = useAuth();
  const org = useOrg();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const compact = !screens.lg;

  // A person sees the workspaces of her role.
  const allowed: Record<Role, string[]> = { operator: ['/operator'], worker: ['/worker'], supervisor: ['/dashboard', '/worker'], admin: ['/operator', '/worker', '/dashboard'] };
  const items = [
    { key: '/operator', icon: <PhoneOutlined />, label: <Link to="/operator">{t('nav.operator')}</Link> },
    { key: '/worker', icon: <SolutionOutlined />, label: <Link to="/worker">{t('nav.worker')}</Link> },
    { key: '/dashboard', icon: <DashboardOutlined />, label: <Link to="/dashboard">{t('nav.dashboard')}</Link> },
  ].filter((i) => auth.user !== null && allowed[auth.user.role].includes(i.key));
  const selected = items.map((i) => i.key).filter((k) => location.pathname.startsWith(k));

  const user = auth.user;
  const roleSwitch = user ? (
    <Space size={6} wrap>
      <Tag color="blue">{t(`role.${user.role}`)}</Tag>
      <span data-testid="user-name">{user.username}</span>
      <span className="pls-muted">{org.name(user.orgUnitId)}</span>
      <Button size="small" type="text" icon={<LogoutOutlined />} style={{ color: compact ? undefined : '#dbe4f3' }} onClick={() => void auth.logout()} title={t('login.logout')} aria-label={t('login.logout')} data-testid="logout" />
    </Space>
  ) : null;

  const langSwitch = (
    <Button
      size="small"
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      style={{ color: compact ? undefined : '#dbe4f3' }}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {lang === 'zh' ? 'EN' : '中文'}
    </Button>
  );

  return (
    <Layout.Header className="pls-header">
      <Link to="/" className="pls-brand">
        <BrandMark />
        <span>
          <div className="pls-brand-title" style={{ lineHeight: '20px' }}>
            {compact ? t('app.shortTitle') : t('app.title')}
          </div>
          <div className="pls-brand-sub" style={{ lineHeight: '16px' }}>
            {t('app.subtitle')}
          </div>
        </span>
      </Link>
      {compact ? (
        <>
          <div style={{ flex: 1 }} />
          {user && <span style={{ color: '#dbe4f3', fontSize: 12, maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{org.name(user.orgUnitId)}</span>}
          {user && <NotificationBell color="#fff" />}
          <Button type="text" aria-label={t('nav.menu')} icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />} onClick={() => setOpen(true)} data-testid="nav-menu" />
          <Drawer open={open} onClose={() => setOpen(false)} placement="right" size={300} title={t('app.shortTitle')}>
            <Menu mode="vertical" selectedKeys={selected} items={items} onClick={() => setOpen(false)} style={{ border: 'none' }} />
            <div style={{ marginTop: 16 }}>{roleSwitch}</div>
            <div style={{ marginTop: 16 }}>{langSwitch}</div>
          </Drawer>
        </>
      ) : (
        <>
          <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} />
          <div className="pls-header-tools">
            {user && <NotificationBell color="#dbe4f3" />}
            {roleSwitch}
            {langSwitch}
          </div>
        </>
      )}
    </Layout.Header>
  );
}
