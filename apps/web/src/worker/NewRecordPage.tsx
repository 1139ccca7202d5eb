/** Open a mediation, a consultation or a lecture — phone-sized forms with today's date filled in. */
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Result, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { DISPUTE_CATEGORIES } from '@pls/reference';
import { readRecord, uuid } from '../api/client';
import { isPhone } from '../api/validation';
import { useAuth } from '../auth/auth';
import { useCommand } from '../components/useCommand';
import { useI18n } from '../i18n/i18n';
import { shanghaiDate, shanghaiInstant, wallTimeToInstant } from '../lib/dates';
import { yuanInputToFen } from '../lib/money';
import { useLoad } from '../lib/useLoad';
import { treeData, useOrg } from '../org/org';
import { normalisePhone } from '../operator/callers';

interface PartyRow {
  personId?: string;
  name?: string;
  phone?: string;
  role: 'applicant' | 'respondent' | 'other';
}

export default function NewRecordPage() {
  const { type = 'mediation' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const collection = ({ mediation: 'mediations', consultation: 'consultations', lecture: 'lectures' } as Record<string, string>)[type];
  // A form only for a role that may open the record (the API's policy table).
  const allowed = collection !== undefined && can(collection, null);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid={`new-${type}`}>
      <Button size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ marginBottom: 8 }}>
        {t('common.back')}
      </Button>
      <div className="pls-page-title">
        <h1>{t(`new.${type}.title`)}</h1>
      </div>
      {collection !== undefined && !allowed ? (
        <Result status="403" subTitle={t('new.notAllowed')} data-testid="new-not-allowed" />
      ) : type === 'mediation' ? (
        <NewMediation />
      ) : type === 'consultation' ? (
        <NewConsultation />
      ) : type === 'lecture' ? (
        <NewLecture />
      ) : null}
    </div>
  );
}

function useCategoryOptions() {
  const { lang } = useI18n();
  return useMemo(() => DISPUTE_CATEGORIES.map((c) => ({ value: c.code, label: `${c.code} ${lang === 'zh' ? c.zh : c.en}` })), [lang]);
}

function UnitField({ name = 'orgUnitId' }: { name?: string }) {
  const { t } = useI18n();
  const org = useOrg();
  return (
    <Form.Item name={name} label={t('field.orgUnitId')} rules={[{ required: true, message: t('v.required') }]}>
      <TreeSelect showSearch treeDefaultExpandAll treeNodeFilterProp="title" treeData={treeData(org.roots)} />
    </Form.Item>
  );
}

function NewMediation() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const fromCall = params.get('fromCall');
  const fromWorkOrder = params.get('workOrder');
  const [form] = Form.useForm();
  // API field `parties[0].personId` is shown on the row's name input.
  const cmd = useCommand(form, {
    fieldMap: (f) => {
      const m = /^parties\[(\d+)\]\.(personId|role)$/.exec(f);
      if (m) return ['parties', Number(m[1]), m[2] === 'personId' ? 'name' : 'role'];
      if (f === 'claimedAmountFen') return ['claimedAmount'];
      return f.replace(/\[(\d+)\]/g, '.$1').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    },
  });
  const ids = useRef({ mediation: uuid(), persons: [uuid(), uuid(), uuid(), uuid(), uuid(), uuid()] });
  const categories = useCategoryOptions();
  const call = useLoad((signal) => readRecord('hotline-calls', fromCall!, signal), [fromCall], { enabled: Boolean(fromCall) });
  const parties = (Form.useWatch('parties', form) ?? []) as PartyRow[];

  useEffect(() => {
    form.setFieldsValue({
      orgUnitId: user?.orgUnitId ?? undefined,
      kind: 'people',
      source: fromCall ? 'referral' : 'application',
      registeredOn: shanghaiDate(),
      acceptNow: true,
      parties: [{ role: 'applicant' }, { role: 'respondent' }],
    });
  }, [form, user, fromCall]);

  useEffect(() => {
    const c = call.data as any;
    if (!c) return;
    form.setFieldsValue({
      category: c.category ?? undefined,
      parties: [{ role: 'applicant', personId: c.callerPersonId ?? undefined, name: c.callerPersonId ? t('new.caller') : undefined }, { role: 'respondent' }],
    });
  }, [call.data, form, t]);

  const submit = async () => {
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const parties: { personId: string; role: string }[] = [];
    for (const [i, p] of (v.parties as PartyRow[]).entries()) {
      if (p.personId) {
        parties.push({ personId: p.personId, role: p.role });
        continue;
      }
      const person = await cmd.run({
        collection: 'persons',
        action: null,
        body: { id: ids.current.persons[i] ?? uuid(), name: String(p.name ?? '').trim(), ...(p.phone ? { phone: normalisePhone(p.phone) } : {}) },
      });
      if (!person) return;
      parties.push({ personId: person.id, role: p.role });
    }
    const body: Record<string, unknown> = {
      id: ids.current.mediation,
      orgUnitId: v.orgUnitId,
      kind: v.kind,
      source: v.source,
      category: v.category,
      parties,
      registeredOn: v.registeredOn,
    };
    if (v.claimedAmount) body['claimedAmountFen'] = yuanInputToFen(String(v.claimedAmount));
    if (fromCall) body['referredFrom'] = { collection: 'hotline-calls', id: fromCall };
    const created = await cmd.run({ collection: 'mediations', action: null, body });
    if (!created) return;
    if (v.acceptNow && user) {
      const accepted = await cmd.run({
        collection: 'mediations',
        action: 'accept',
        id: created.id,
        body: { acceptedOn: v.registeredOn, mediatorIds: [user.id] },
        ifMatch: created.version,
      });
      if (!accepted) {
        message.warning(t('new.mediation.notAccepted'));
        navigate(`/records/mediations/${created.id}`);
        return;
      }
    }
    message.success(t('new.mediation.saved'));
    navigate(`/records/mediations/${created.id}`, { replace: true });
  };

  return (
    <Card size="small">
      {fromCall && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('new.fromWorkOrder', { id: (fromWorkOrder ?? fromCall).slice(0, 8) })}
          description={call.data ? `${label('callClass', (call.data as any).class)} · ${label('category', (call.data as any).category)}` : undefined}
        />
      )}
      <Form form={form} layout="vertical" name="mediation" onFinish={submit} disabled={cmd.busy} requiredMark="optional">
        <UnitField />
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('v.required') }]}>
              <Select options={['people', 'administrative', 'judicial', 'petition', 'procuratorate'].map((k) => ({ value: k, label: label('kind', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('field.source')} rules={[{ required: true, message: t('v.required') }]}>
              <Select options={['application', 'initiative', 'referral'].map((k) => ({ value: k, label: label('source', k) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="category" label={t('field.category')} rules={[{ required: true, message: t('v.required') }]}>
          <Select showSearch optionFilterProp="label" options={categories} placeholder={t('operator.categoryHint')} data-testid="mediation-category" />
        </Form.Item>
        <div className="pls-section-title">{t('new.parties')}</div>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" style={{ marginBottom: 8, background: '#fafbfc' }} data-testid="party-row">
                  <Row gutter={8} align="top">
                    <Col xs={24} sm={6}>
                      <Form.Item name={[field.name, 'role']} label={t('field.role')} rules={[{ required: true, message: t('v.required') }]} style={{ marginBottom: 6 }}>
                        <Select options={['applicant', 'respondent', 'other'].map((k) => ({ value: k, label: label('role', k) }))} />
                      </Form.Item>
                    </Col>
                    <Form.Item name={[field.name, 'personId']} hidden>
                      <Input />
                    </Form.Item>
                    <Col xs={12} sm={8}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('field.partyName')}
                        rules={[{ required: true, whitespace: true, message: t('v.required') }, { max: 50 }]}
                        style={{ marginBottom: 6 }}
                      >
                        <Input autoComplete="off" disabled={Boolean(parties[field.name]?.personId)} data-testid={`party-name-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={8}>
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={t('field.phone')}
                        rules={[{ validator: async (_, v?: string) => (!v || isPhone(normalisePhone(v)) ? undefined : Promise.reject(new Error(t('v.phone')))) }]}
                        style={{ marginBottom: 6 }}
                      >
                        <Input inputMode="tel" autoComplete="off" disabled={Boolean(parties[field.name]?.personId)} data-testid={`party-phone-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={2} style={{ textAlign: 'right' }}>
                      {fields.length > 2 && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} style={{ marginTop: 28 }} />}
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: 'other' })} style={{ marginBottom: 12 }}>
                {t('new.addParty')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="claimedAmount"
              label={t('field.claimedAmountFen')}
              extra={t('field.amountHint')}
              rules={[{ validator: async (_, v?: string) => (!v || yuanInputToFen(String(v)) !== null ? undefined : Promise.reject(new Error(t('v.amount')))) }]}
            >
              <Input inputMode="decimal" suffix={t('unit.yuan')} placeholder={t('new.claimedHint')} data-testid="claimed-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="registeredOn" label={t('field.registeredOn')} rules={[{ required: true, message: t('v.required') }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="acceptNow" valuePropName="checked">
          <Checkbox>{t('new.acceptNow')}</Checkbox>
        </Form.Item>
        {cmd.retrying && <Typography.Text type="warning">{cmd.retrying}</Typography.Text>}
        {cmd.problem && <div style={{ marginBottom: 8 }}>{cmd.problem}</div>}
        <Button type="primary" htmlType="submit" block size="large" loading={cmd.busy} data-testid="submit-mediation">
          {t('new.mediation.submit')}
        </Button>
      </Form>
      {cmd.dialog}
    </Card>
  );
}

function NewConsultation() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const cmd = useCommand(form, { fieldMap: (f) => (f === 'receivedAt' ? ['receivedAt'] : [f]) });
  const ids = useRef({ consultation: uuid(), person: uuid() });
  const categories = useCategoryOptions();

  useEffect(() => {
    form.setFieldsValue({
      orgUnitId: user?.orgUnitId ?? undefined,
      channel: 'visit',
      personsServed: 1,
      receivedAt: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19),
      answerNow: true,
    });
  }, [form, user]);

  const submit = async () => {
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    let personId: string | undefined;
    if (v.personName) {
      const person = await cmd.run({
        collection: 'persons',
        action: null,
        body: { id: ids.current.person, name: String(v.personName).trim(), ...(v.personPhone ? { phone: normalisePhone(v.personPhone) } : {}) },
      });
      if (!person) return;
      personId = person.id;
    }
    const body: Record<string, unknown> = {
      id: ids.current.consultation,
      orgUnitId: v.orgUnitId,
      channel: v.channel,
      receivedAt: wallTimeToInstant(String(v.receivedAt)) ?? v.receivedAt,
      personsServed: v.personsServed,
      category: v.category,
    };
    if (personId) body['personId'] = personId;
    const created = await cmd.run({ collection: 'consultations', action: null, body });
    if (!created) return;
    if (v.answerNow) {
      await cmd.run({ collection: 'consultations', action: 'answer', id: created.id, body: { answeredAt: shanghaiInstant() }, ifMatch: created.version });
    }
    message.success(t('new.consultation.saved'));
    navigate(`/records/consultations/${created.id}`, { replace: true });
  };

  return (
    <Card size="small">
      <Form form={form} layout="vertical" name="consultation" onFinish={submit} disabled={cmd.busy} requiredMark="optional">
        <UnitField />
        <Form.Item name="channel" label={t('field.channel')} rules={[{ required: true, message: t('v.required') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={['visit', 'phone', 'online'].map((k) => ({ value: k, label: label('channel', k) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('field.category')} rules={[{ required: true, message: t('v.required') }]}>
          <Select showSearch optionFilterProp="label" options={categories} />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="receivedAt" label={t('field.receivedAt')} rules={[{ required: true, message: t('v.required') }]}>
              <Input type="datetime-local" step={1} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="personsServed" label={t('field.personsServed')} rules={[{ required: true, message: t('v.required') }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={8}>
          <Col xs={12}>
            <Form.Item name="personName" label={t('new.visitorName')} rules={[{ max: 50 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="personPhone" label={t('field.phone')} rules={[{ validator: async (_, v?: string) => (!v || isPhone(normalisePhone(v)) ? undefined : Promise.reject(new Error(t('v.phone')))) }]}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="answerNow" valuePropName="checked">
          <Checkbox>{t('new.answerNow')}</Checkbox>
        </Form.Item>
        {cmd.retrying && <Typography.Text type="warning">{cmd.retrying}</Typography.Text>}
        {cmd.problem && <div style={{ marginBottom: 8 }}>{cmd.problem}</div>}
        <Button type="primary" htmlType="submit" block size="large" loading={cmd.busy} data-testid="submit-consultation">
          {t('new.consultation.submit')}
        </Button>
      </Form>
      {cmd.dialog}
    </Card>
  );
}

function NewLecture() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const cmd = useCommand(form);
  const id = useRef(uuid());

  useEffect(() => {
    form.setFieldsValue({ orgUnitId: user?.orgUnitId ?? undefined, plannedOn: shanghaiDate() });
  }, [form, user]);

  const submit = async () => {
    let v: any;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const created = await cmd.run({ collection: 'lectures', action: null, body: { id: id.current, orgUnitId: v.orgUnitId, plannedOn: v.plannedOn, topic: String(v.topic).trim() } });
    if (!created) return;
    message.success(t('new.lecture.saved'));
    navigate(`/records/lectures/${created.id}`, { replace: true });
  };

  return (
    <Card size="small">
      <Form form={form} layout="vertical" name="lecture" onFinish={submit} disabled={cmd.busy} requiredMark="optional">
        <UnitField />
        <Form.Item name="topic" label={t('field.topic')} rules={[{ required: true, whitespace: true, message: t('v.required') }, { max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('new.topicHint')} />
        </Form.Item>
        <Form.Item name="plannedOn" label={t('field.plannedOn')} rules={[{ required: true, message: t('v.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Space direction="vertical" style={{ width: '100%' }}>
          {cmd.problem}
          <Button type="primary" htmlType="submit" block size="large" loading={cmd.busy} data-testid="submit-lecture">
            {t('new.lecture.submit')}
          </Button>
        </Space>
      </Form>
      {cmd.dialog}
    </Card>
  );
}
