import { App as AntApp, ConfigProvider, Layout, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useAuth, type Role } from './auth/auth';
import { LoginPage } from './auth/LoginPage';
import { AppHeader } from './components/AppHeader';
import { useI18n } from './i18n/i18n';
import { theme } from './theme';

const OperatorConsole = lazy(() => import('./operator/OperatorConsole'));
const WorkerHome = lazy(() => import('./worker/WorkerHome'));
const NewRecordPage = lazy(() => import('./worker/NewRecordPage'));
const Dashboard = lazy(() => import('./supervisor/Dashboard'));
const RecordPage = lazy(() => import('./records/RecordPage'));

export const HOME: Record<Role, string> = { operator: '/operator', worker: '/worker', supervisor: '/dashboard', admin: '/dashboard' };

export function App() {
  const { lang, t } = useI18n();
  const auth = useAuth();

  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [lang, t]);

  let body;
  if (auth.mode === 'loading') {
    body = <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  } else if (auth.mode === 'login' || !auth.user) {
    body = <LoginPage />;
  } else {
    const role = auth.user.role;
    body = (
      <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
        <Routes>
          <Route path="/" element={<Navigate to={HOME[role]} replace />} />
          <Route path="/operator" element={<OperatorConsole />} />
          <Route path="/worker" element={<WorkerHome />} />
          <Route path="/worker/new/:type" element={<NewRecordPage />} />
          <Route path="/dashboard" element={<Dashboard />} />
          <Route path="/records/:collection/:id" element={<RecordPage />} />
          <Route path="*" element={<Result status="404" title="404" subTitle={t('app.notFound')} />} />
        </Routes>
      </Suspense>
    );
  }

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <AppHeader />
          <Layout.Content>
            <div className="pls-content">{body}</div>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
