import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/i18n';
import { loginProblem, useAuth, type Role } from './auth';

/** Each role's workspace (App's HOME): where a sign-in lands. */
const WORKSPACE: Record<Role, string> = { operator: '/operator', worker: '/worker', supervisor: '/dashboard', admin: '/dashboard' };

/** Shown whenever nobody is signed in. */
export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card style={{ maxWidth: 380, margin: '64px auto' }} title={t('login.title')} data-testid="login-page">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="login-error" />}
      <Form
        layout="vertical"
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          setError(null);
          try {
            const user = await login(v.username.trim(), v.password);
            if (user) navigate(WORKSPACE[user.role], { replace: true });
          } catch (e) {
            const problem = loginProblem(e);
            setError(t(problem.key, { minutes: problem.retryAfter ? Math.ceil(problem.retryAfter / 60) : 1 }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('v.required') }]}>
          <Input autoFocus autoComplete="username" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('v.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </Card>
  );
}
