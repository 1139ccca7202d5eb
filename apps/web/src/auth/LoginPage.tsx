import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useAuth } from './auth';

/** Shown when the API has identity and nobody is logged in. */
export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card style={{ maxWidth: 380, margin: '64px auto' }} title={t('login.title')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        layout="vertical"
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          setError(null);
          try {
            await login(v.username, v.password);
          } catch (e) {
            setError(e instanceof ApiError && e.status === 401 ? t('login.wrong') : t('error.network'));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('v.required') }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('v.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
    </Card>
  );
}
