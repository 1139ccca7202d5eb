import { Button, Checkbox, Drawer, Form, Grid, Input, InputNumber, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import { useEffect } from 'react';
import { useAuth } from '../auth/auth';
import { useCommand } from '../components/useCommand';
import { useI18n } from '../i18n/i18n';
import { wallTimeToInstant } from '../lib/dates';
import { fenToYuan, yuanInputToFen } from '../lib/money';
import { treeData, useOrg } from '../org/org';
import { defaultValue, type ActionField, type ActionSpec } from './actions';

/** Shanghai wall time for a datetime-local input: "2021-03-01T09:30:00". */
function toWall(instant: string | undefined): string | undefined {
  if (!instant) return undefined;
  const t = Date.parse(instant);
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 19);
}

export interface ActionFormProps {
  readonly collection: string;
  readonly id: string;
  readonly spec: ActionSpec;
  readonly state: Record<string, any>;
  readonly version: number;
  onDone(written: { version: number; position: number; [k: string]: unknown }): void;
  onClose(): void;
}

export function ActionForm({ collection, id, spec, state, version, onDone, onClose }: ActionFormProps) {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const org = useOrg();
  const [form] = Form.useForm();
  const cmd = useCommand(form);
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;

  useEffect(() => {
    const initial: Record<string, unknown> = {};
    for (const f of spec.fields) {
      const v = defaultValue(f, state, user?.id ?? null);
      initial[f.name] = f.kind.type === 'instant' ? toWall(v as string | undefined) : f.kind.type === 'amount' && typeof v === 'number' ? fenToYuan(v, { group: false }) : v;
    }
    form.setFieldsValue(initial);
  }, [form, spec, state, user]);

  const submit = async () => {
    let values: Record<string, any>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: Record<string, unknown> = {};
    for (const f of spec.fields) {
      const v = values[f.name];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0 && !f.required)) continue;
      if (f.kind.type === 'instant') body[f.name] = wallTimeToInstant(String(v)) ?? v;
      else if (f.kind.type === 'amount') body[f.name] = yuanInputToFen(String(v)) ?? v;
      else body[f.name] = v;
    }
    const written = await cmd.run({ collection, action: spec.action, id, body, ifMatch: version, seen: state });
    if (written) onDone(written);
  };

  const input = (f: ActionField) => {
    const k = f.kind;
    switch (k.type) {
      case 'date':
        return <Input type="date" />;
      case 'instant':
        return <Input type="datetime-local" step={1} />;
      case 'select':
        return <Select options={k.values.map((v) => ({ value: v, label: label(k.codes, v) }))} allowClear={!f.required} />;
      case 'amount':
        return <Input inputMode="decimal" suffix={t('unit.yuan')} placeholder="0.00" />;
      case 'int':
        return <InputNumber min={k.min} max={k.max} precision={0} style={{ width: '100%' }} inputMode="numeric" />;
      case 'bool':
        return k.mustBeTrue ? <Checkbox>{t(`field.${f.name}.check`)}</Checkbox> : <Switch />;
      case 'unit':
        return <TreeSelect showSearch treeDefaultExpandAll treeNodeFilterProp="title" treeData={treeData(org.roots)} allowClear={!f.required} />;
      case 'mediators':
        return (
          <Select
            mode="tags"
            tokenSeparators={[',', ' ']}
            options={user ? [{ value: user.id, label: `${t('who.me')}（${user.username}）` }] : []}
            placeholder={t('field.mediatorIds.hint')}
          />
        );
    }
  };

  const rules = (f: ActionField) => {
    const out: any[] = [];
    if (f.required && f.kind.type !== 'bool') out.push({ required: true, message: t('v.required') });
    if (f.kind.type === 'amount')
      out.push({ validator: async (_: unknown, v?: string) => (v == null || v === '' || yuanInputToFen(String(v)) !== null ? undefined : Promise.reject(new Error(t('v.amount')))) });
    if (f.kind.type === 'bool' && f.kind.mustBeTrue) out.push({ validator: async (_: unknown, v?: boolean) => (v ? undefined : Promise.reject(new Error(t('v.consent')))) });
    return out;
  };

  return (
    <Drawer
      open
      title={t(spec.labelKey)}
      placement={mobile ? 'bottom' : 'right'}
      size={mobile ? 'large' : 440}
      onClose={onClose}
      destroyOnHidden
      data-testid={`action-form-${spec.action}`}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger={spec.danger} loading={cmd.busy} onClick={submit} data-testid="action-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" name={`act-${spec.action}`} onFinish={submit} disabled={cmd.busy}>
        {spec.fields.length === 0 && <Typography.Paragraph>{t('act.confirm', { action: t(spec.labelKey) })}</Typography.Paragraph>}
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(`field.${f.name}`)}
            rules={rules(f)}
            valuePropName={f.kind.type === 'bool' ? 'checked' : 'value'}
            extra={f.kind.type === 'amount' ? t('field.amountHint') : undefined}
          >
            {input(f)}
          </Form.Item>
        ))}
        {cmd.retrying && <Typography.Text type="warning">{cmd.retrying}</Typography.Text>}
        {cmd.problem}
        <button type="submit" hidden />
      </Form>
      {cmd.dialog}
    </Drawer>
  );
}
