/**
 * 话务台: log a 12348 call in seconds. Keyboard first — F2 starts a call with
 * the clock filled in, Alt+1/2/3 the outcome, Alt+Z/T/J the class (咨询 /
 * 投诉 / 建议 by their pinyin), Ctrl+Enter saves, Ctrl+Shift+Enter saves and
 * hands the call to a unit as a work order.
 */
import { ClockCircleOutlined, PhoneOutlined, SendOutlined, UserOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, DatePicker, Empty, Form, Input, Radio, Row, Select, Space, Statistic, Switch, Table, Tag, Tooltip, TreeSelect, Typography, type InputRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { DISPUTE_CATEGORIES } from '@pls/reference';
import { ApiError, readRecord, uuid } from '../api/client';
import { listCases, metricRecords, type CaseItem } from '../api/queries';
import { isPhone, preloadSchemas } from '../api/validation';
import { useAuth } from '../auth/auth';
import { useCommand } from '../components/useCommand';
import { useI18n } from '../i18n/i18n';
import { addDays, formatClock, formatInstant, shanghaiDate, shanghaiInstant } from '../lib/dates';
import { useLoad } from '../lib/useLoad';
import { treeData, useOrg } from '../org/org';
import { addTodaysCall, lookupCaller, normalisePhone, rememberCall, todaysLocalCalls, type CallSummary, type Caller } from './callers';

interface CallForm {
  phone?: string;
  callerName?: string;
  offeredAt: Dayjs;
  answeredAt?: Dayjs;
  endedAt?: Dayjs;
  outcome: 'answered' | 'missed' | 'voicemail';
  class: 'consultation' | 'complaint' | 'suggestion';
  category?: string;
  assignToOrgUnitId?: string;
  urgent: boolean;
}

const OUTCOMES = ['answered', 'missed', 'voicemail'] as const;
const CLASSES = ['consultation', 'complaint', 'suggestion'] as const;
const CLASS_KEYS: Record<string, (typeof CLASSES)[number]> = { KeyZ: 'consultation', KeyT: 'complaint', KeyJ: 'suggestion' };

function Kbd({ children }: { children: string }) {
  return <span className="pls-kbd">{children}</span>;
}

export default function OperatorConsole() {
  const { t, label, lang } = useI18n();
  const { user } = useAuth();
  const org = useOrg();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallForm>();
  const cmd = useCommand(form);
  const [caller, setCaller] = useState<Caller | null>(null);
  const [lookingUp, setLookingUp] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [refresh, setRefresh] = useState(0);
  const phoneRef = useRef<InputRef>(null);
  const ids = useRef({ call: uuid(), person: uuid(), workOrder: uuid() });
  const unitId = user?.orgUnitId ?? null;
  const today = shanghaiDate(now);
  const outcome = Form.useWatch('outcome', form);
  const phone = Form.useWatch('phone', form);
  const offeredAt = Form.useWatch('offeredAt', form);
  const assignTo = Form.useWatch('assignToOrgUnitId', form);

  useEffect(() => preloadSchemas(), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const newCall = useCallback(() => {
    const at = dayjs();
    ids.current = { call: uuid(), person: uuid(), workOrder: uuid() };
    form.resetFields();
    form.setFieldsValue({ offeredAt: at, answeredAt: at, outcome: 'answered', class: 'consultation', urgent: false });
    setCaller(null);
    cmd.clear();
    setTimeout(() => phoneRef.current?.focus(), 0);
  }, [form, cmd]);

  useEffect(() => {
    newCall();
    // once, at start
  }, []);

  // Caller lookup as the number is typed.
  useEffect(() => {
    const n = normalisePhone(phone ?? '');
    if (!isPhone(n)) {
      setCaller(null);
      return;
    }
    let stale = false;
    setLookingUp(true);
    const timer = setTimeout(() => {
      lookupCaller(n)
        .then((c) => !stale && setCaller(c))
        .finally(() => !stale && setLookingUp(false));
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [phone]);

  const submit = useCallback(
    async (handOver: boolean) => {
      let v: CallForm;
      try {
        v = await form.validateFields();
      } catch {
        return;
      }
      if (!unitId) {
        message.error(t('operator.noUnit'));
        return;
      }
      if (handOver && !v.assignToOrgUnitId) {
        form.setFields([{ name: 'assignToOrgUnitId', errors: [t('operator.pickUnit')] }]);
        return;
      }
      const n = v.phone ? normalisePhone(v.phone) : '';
      let personId = caller?.personId ?? null;
      if (!personId && n) {
        const person = await cmd.run({
          collection: 'persons',
          action: null,
          body: { id: ids.current.person, name: (v.callerName ?? '').trim() || t('operator.anonymousCaller'), phone: n },
        });
        if (!person) return;
        personId = person.id;
      }
      const endedAt = v.endedAt ?? dayjs();
      const body: Record<string, unknown> = {
        id: ids.current.call,
        orgUnitId: unitId,
        offeredAt: shanghaiInstant(v.offeredAt.toDate()),
        endedAt: shanghaiInstant(endedAt.toDate()),
        outcome: v.outcome,
        class: v.class,
      };
      if (v.outcome === 'answered' && v.answeredAt) body['answeredAt'] = shanghaiInstant(v.answeredAt.toDate());
      if (v.category) body['category'] = v.category;
      if (personId) body['callerPersonId'] = personId;
      if (user?.id) body['operatorId'] = user.id;
      const call = await cmd.run({ collection: 'hotline-calls', action: null, body });
      if (!call) return;
      let workOrderId: string | null = null;
      if (handOver && v.assignToOrgUnitId) {
        const wo = await cmd.run({
          collection: 'hotline-calls',
          action: 'work-order',
          id: call.id,
          body: { assignToOrgUnitId: v.assignToOrgUnitId, urgent: Boolean(v.urgent), workOrderId: ids.current.workOrder },
          ifMatch: call.version,
        });
        if (!wo) {
          message.warning(t('operator.loggedNotHanded'));
          return;
        }
        workOrderId = String(wo['workOrderId'] ?? ids.current.workOrder);
      }
      const summary: CallSummary = {
        id: call.id,
        offeredAt: String(body['offeredAt']),
        outcome: v.outcome,
        class: v.class,
        category: v.category ?? null,
        workOrderId,
        handedOverTo: workOrderId ? (v.assignToOrgUnitId ?? null) : null,
        orgUnitId: unitId,
        callerPersonId: personId,
        masked: n ? (caller?.masked ?? maskLocal(n)) : null,
      };
      if (n && personId) rememberCall(n, personId, summary);
      addTodaysCall(today, summary);
      message.success({
        content: (
          <span data-testid="call-saved">
            {workOrderId ? t('operator.savedHanded', { unit: org.name(v.assignToOrgUnitId) }) : t('operator.saved')}{' '}
            <Link to={`/records/hotline-calls/${call.id}`}>{t('common.view')}</Link>
          </span>
        ),
        duration: 4,
      });
      setRefresh((r) => r + 1);
      newCall();
    },
    [form, unitId, caller, cmd, user, today, message, t, org, newCall],
  );

  // Keyboard first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2' || (e.altKey && e.code === 'KeyN')) {
        e.preventDefault();
        newCall();
      } else if (e.altKey && /^Digit[123]$/.test(e.code)) {
        e.preventDefault();
        form.setFieldsValue({ outcome: OUTCOMES[Number(e.code.slice(5)) - 1] });
      } else if (e.altKey && CLASS_KEYS[e.code]) {
        e.preventDefault();
        form.setFieldsValue({ class: CLASS_KEYS[e.code] });
      } else if (e.altKey && e.code === 'KeyD') {
        e.preventDefault();
        (document.querySelector('#call_assignToOrgUnitId') as HTMLElement | null)?.focus();
      } else if (e.altKey && e.code === 'KeyL') {
        e.preventDefault();
        (document.querySelector('#call_category') as HTMLElement | null)?.focus();
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submit(e.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [newCall, submit, form]);

  const elapsed = offeredAt ? Math.max(0, Math.floor((now - offeredAt.valueOf()) / 1000)) : 0;
  const categoryOptions = useMemo(
    () => DISPUTE_CATEGORIES.map((c) => ({ value: c.code, label: `${c.code} ${lang === 'zh' ? c.zh : c.en}`, search: `${c.code} ${c.zh} ${c.en}`.toLowerCase() })),
    [lang],
  );

  return (
    <div data-testid="operator-console">
      <div className="pls-page-title">
        <h1>{t('operator.title')}</h1>
        <span className="sub">
          {t('operator.hotlineUnit')}：{org.name(unitId) || '—'}
        </span>
      </div>
      <div className="pls-operator-grid">
        <Card
          className="pls-callform"
          title={
            <Space>
              <PhoneOutlined />
              {t('operator.newCall')}
              <Tag color="blue" className="pls-clock">
                <ClockCircleOutlined /> {t('operator.elapsed')} {Math.floor(elapsed / 60)}:{String(elapsed % 60).padStart(2, '0')}
              </Tag>
            </Space>
          }
          extra={
            <Button size="small" onClick={newCall} data-testid="new-call">
              {t('operator.reset')} <Kbd>F2</Kbd>
            </Button>
          }
        >
          <Form form={form} name="call" layout="vertical" requiredMark="optional" onFinish={() => submit(false)} disabled={cmd.busy}>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="phone"
                  label={t('operator.phone')}
                  rules={[{ validator: async (_, v?: string) => (!v || isPhone(normalisePhone(v)) ? undefined : Promise.reject(new Error(t('v.phone')))) }]}
                >
                  <Input ref={phoneRef} inputMode="tel" autoComplete="off" placeholder={t('operator.phoneHint')} prefix={<PhoneOutlined className="pls-muted" />} data-testid="phone" allowClear />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="callerName" label={t('operator.callerName')} rules={[{ max: 50 }]}>
                  <Input autoComplete="off" placeholder={caller ? t('operator.callerKnown') : t('operator.callerNameHint')} disabled={Boolean(caller)} prefix={<UserOutlined className="pls-muted" />} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={14}>
                <Form.Item name="outcome" label={<span>{t('operator.outcome')} <Kbd>Alt+1/2/3</Kbd></span>} rules={[{ required: true, message: t('v.required') }]}>
                  <Radio.Group optionType="button" buttonStyle="solid" data-testid="outcome">
                    {OUTCOMES.map((o) => (
                      <Radio.Button key={o} value={o} data-testid={`outcome-${o}`}>
                        {label('outcome', o)}
                      </Radio.Button>
                    ))}
                  </Radio.Group>
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="class" label={<span>{t('operator.class')} <Kbd>Alt+Z/T/J</Kbd></span>} rules={[{ required: true, message: t('v.required') }]}>
                  <Radio.Group optionType="button" data-testid="class">
                    {CLASSES.map((c) => (
                      <Radio.Button key={c} value={c} data-testid={`class-${c}`}>
                        {label('callClass', c)}
                      </Radio.Button>
                    ))}
                  </Radio.Group>
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="category" label={<span>{t('operator.category')} <Kbd>Alt+L</Kbd></span>}>
              <Select
                showSearch
                allowClear
                data-testid="category"
                placeholder={t('operator.categoryHint')}
                options={categoryOptions}
                filterOption={(input, option) => String((option as { search?: string })?.search ?? '').includes(input.toLowerCase())}
              />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="offeredAt" label={t('operator.offeredAt')} rules={[{ required: true, message: t('v.required') }]}>
                  <DatePicker showTime format="MM-DD HH:mm:ss" style={{ width: '100%' }} allowClear={false} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="answeredAt"
                  label={t('operator.answeredAt')}
                  dependencies={['outcome', 'offeredAt']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_, v?: Dayjs) => {
                        if (getFieldValue('outcome') !== 'answered') return;
                        if (!v) throw new Error(t('v.required'));
                        if (v.isBefore(getFieldValue('offeredAt'))) throw new Error(t('operator.answeredBeforeOffered'));
                      },
                    }),
                  ]}
                >
                  <DatePicker showTime format="MM-DD HH:mm:ss" style={{ width: '100%' }} disabled={outcome !== 'answered'} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="endedAt" label={t('operator.endedAt')} tooltip={t('operator.endedAtHint')}>
                  <DatePicker showTime format="MM-DD HH:mm:ss" style={{ width: '100%' }} placeholder={t('operator.endedAtAuto')} />
                </Form.Item>
              </Col>
            </Row>
            <Card size="small" type="inner" title={t('operator.handOver')} style={{ marginBottom: 12, background: '#fafbfc' }}>
              <Row gutter={12} align="middle">
                <Col flex="auto">
                  <Form.Item name="assignToOrgUnitId" label={<span>{t('operator.assignTo')} <Kbd>Alt+D</Kbd></span>} style={{ marginBottom: 0 }}>
                    <TreeSelect
                      showSearch
                      allowClear
                      data-testid="assign-to"
                      treeDefaultExpandAll
                      treeNodeFilterProp="title"
                      placeholder={t('operator.assignToHint')}
                      treeData={treeData(org.roots)}
                      disabled={outcome !== 'answered'}
                    />
                  </Form.Item>
                </Col>
                <Col>
                  <Form.Item name="urgent" label={t('operator.urgent')} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Switch disabled={outcome !== 'answered'} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            {cmd.problem && <div style={{ marginBottom: 12 }}>{cmd.problem}</div>}
            {cmd.retrying && (
              <Typography.Text type="warning" style={{ display: 'block', marginBottom: 8 }}>
                {cmd.retrying}
              </Typography.Text>
            )}
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={cmd.busy} data-testid="save-call">
                {t('operator.save')} <Kbd>Ctrl+Enter</Kbd>
              </Button>
              <Button
                type="primary"
                ghost
                icon={<SendOutlined />}
                loading={cmd.busy}
                disabled={outcome !== 'answered' || !assignTo}
                onClick={() => submit(true)}
                data-testid="save-handover"
              >
                {t('operator.saveHandOver')} <Kbd>Ctrl+Shift+Enter</Kbd>
              </Button>
            </Space>
          </Form>
          {cmd.dialog}
        </Card>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <CallerPanel caller={caller} phone={phone} loading={lookingUp} />
          <MissedCalls unitId={unitId} refresh={refresh} onChanged={() => setRefresh((r) => r + 1)} />
        </Space>
      </div>
      <TodaysCalls unitId={unitId} today={today} refresh={refresh} />
    </div>
  );
}

function maskLocal(n: string): string {
  return n.length >= 7 ? `${n.slice(0, 3)}${'*'.repeat(Math.max(0, n.length - 7))}${n.slice(-4)}` : n;
}

function CallerPanel({ caller, phone, loading }: { caller: Caller | null; phone?: string; loading: boolean }) {
  const { t, label } = useI18n();
  const n = normalisePhone(phone ?? '');
  const valid = isPhone(n);
  return (
    <Card size="small" title={<span><UserOutlined /> {t('operator.caller')}</span>} loading={loading && !caller} data-testid="caller-panel">
      {!valid ? (
        <>
          <Typography.Text type="secondary">{t('operator.callerEmpty')}</Typography.Text>
          <div className="pls-section-title" style={{ marginTop: 12 }}>
            {t('operator.keys')}
          </div>
          <table className="pls-keys">
            <tbody>
              {(
                [
                  ['F2', 'operator.key.new'],
                  ['Alt+1 / 2 / 3', 'operator.key.outcome'],
                  ['Alt+Z / T / J', 'operator.key.class'],
                  ['Alt+L', 'operator.key.category'],
                  ['Alt+D', 'operator.key.unit'],
                  ['Ctrl+Enter', 'operator.key.save'],
                  ['Ctrl+Shift+Enter', 'operator.key.handOver'],
                ] as const
              ).map(([k, label]) => (
                <tr key={k}>
                  <td>
                    <Kbd>{k}</Kbd>
                  </td>
                  <td className="pls-muted">{t(label)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : caller ? (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            <Tag color="gold">{t('operator.returningCaller')}</Tag>
            <Typography.Text strong className="pls-mono" style={{ fontSize: 14 }}>
              {caller.masked}
            </Typography.Text>
            <span className="pls-muted">{t('operator.earlierCalls', { n: caller.calls.length })}</span>
          </Space>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="earlier-calls"
            dataSource={caller.calls.slice(0, 6)}
            columns={[
              { title: t('operator.when'), dataIndex: 'offeredAt', render: (v: string) => formatInstant(v), width: 130 },
              { title: t('operator.class'), dataIndex: 'class', render: (v: string) => label('callClass', v) },
              { title: t('operator.category'), dataIndex: 'category', render: (v: string | null) => label('category', v) },
              { title: t('operator.outcome'), dataIndex: 'outcome', render: (v: string) => label('outcome', v) },
              { title: '', dataIndex: 'id', render: (id: string) => <Link to={`/records/hotline-calls/${id}`}>{t('common.view')}</Link>, width: 50 },
            ]}
          />
        </>
      ) : (
        <Space direction="vertical" size={2}>
          <Space>
            <Tag color="green">{t('operator.newCaller')}</Tag>
            <Typography.Text strong className="pls-mono">
              {maskLocal(n)}
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('operator.newCallerHint')}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}

function MissedCalls({ unitId, refresh, onChanged }: { unitId: string | null; refresh: number; onChanged: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const cmd = useCommand();
  const missed = useLoad(
    (signal) => listCases({ orgUnitId: unitId!, recordType: 'hotline-call', open: 'true', sort: 'opened', pageSize: 100 }, signal),
    [unitId, refresh],
    { enabled: Boolean(unitId), keepPrevious: true },
  );
  const callback = async (item: CaseItem, reached: boolean) => {
    const ok = await cmd.run({ collection: 'hotline-calls', action: 'callback', id: item.recordId, body: { at: shanghaiInstant(new Date()), reached } });
    if (ok) {
      message.success(reached ? t('operator.callbackReached') : t('operator.callbackFailed'));
      onChanged();
    }
  };
  const unavailable = missed.error instanceof ApiError && missed.error.status === 404;
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('operator.missed')}
          <Badge count={missed.data?.items.length ?? 0} overflowCount={999} />
        </Space>
      }
      data-testid="missed-calls"
    >
      {cmd.problem}
      {unavailable ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.listUnavailable')} />
      ) : (
        <Table
          size="small"
          rowKey="recordId"
          loading={missed.loading && !missed.data}
          pagination={{ pageSize: 6, size: 'small', hideOnSinglePage: true }}
          dataSource={missed.data?.items ?? []}
          locale={{ emptyText: t('operator.noMissed') }}
          columns={[
            { title: t('operator.day'), dataIndex: 'openedOn', width: 96 },
            { title: t('common.status'), dataIndex: 'status', render: (s: string, r) => <Tag color={r.overdue ? 'red' : s === 'callback-attempted' ? 'orange' : 'default'}>{label('status', s)}</Tag> },
            { title: t('operator.class'), dataIndex: 'kind', render: (v: string | null) => label('callClass', v) },
            {
              title: t('operator.callback'),
              key: 'act',
              render: (_: unknown, r: CaseItem) => (
                <Space size={4}>
                  <Tooltip title={t('operator.callbackReached')}>
                    <Button size="small" type="primary" ghost onClick={() => callback(r, true)} loading={cmd.busy}>
                      {t('operator.reached')}
                    </Button>
                  </Tooltip>
                  <Button size="small" onClick={() => callback(r, false)} loading={cmd.busy}>
                    {t('operator.unreached')}
                  </Button>
                  <Link to={`/records/hotline-calls/${r.recordId}`}>{t('common.view')}</Link>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Today's calls: what the statistics know (offered and missed), and what this desk just logged. */
function TodaysCalls({ unitId, today, refresh }: { unitId: string | null; today: string; refresh: number }) {
  const { t, label } = useI18n();
  const org = useOrg();
  const server = useLoad(
    async (signal) => {
      const q = { orgUnitId: unitId!, from: today, to: addDays(today, 1) };
      const lists = await Promise.allSettled([metricRecords({ ...q, metric: 'hotline.offered', pageSize: 500 }, signal), metricRecords({ ...q, metric: 'hotline.missed', pageSize: 500 }, signal)]);
      const ids = new Set<string>();
      for (const l of lists) if (l.status === 'fulfilled') for (const it of l.value.items) ids.add(it.recordId);
      const local = new Map(todaysLocalCalls(today).map((c) => [c.id, c]));
      const missing = [...ids].filter((id) => !local.has(id)).slice(0, 60);
      const fetched = await Promise.all(
        missing.map((id) =>
          readRecord('hotline-calls', id, signal)
            .then((r: any): CallSummary => ({ id, offeredAt: r.offeredAt, outcome: r.outcome, class: r.class, category: r.category, workOrderId: r.workOrderId ?? null, handedOverTo: r.handedOverTo ?? null, orgUnitId: r.orgUnitId, callerPersonId: r.callerPersonId }))
            .catch(() => null),
        ),
      );
      return fetched.filter((x): x is CallSummary => x !== null);
    },
    [unitId, today, refresh],
    { enabled: Boolean(unitId), keepPrevious: true },
  );
  const rows = useMemo(() => {
    const all = new Map<string, CallSummary>();
    for (const c of server.data ?? []) all.set(c.id, c);
    for (const c of todaysLocalCalls(today)) all.set(c.id, { ...all.get(c.id), ...c });
    return [...all.values()].sort((a, b) => (a.offeredAt < b.offeredAt ? 1 : -1));
    // refresh re-reads the local list too
  }, [server.data, today, refresh]);
  const answered = rows.filter((r) => r.outcome === 'answered').length;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="todays-calls"
      title={
        <Space size={24}>
          <span>{t('operator.today', { date: today })}</span>
          <Statistic value={rows.length} suffix={t('unit.calls')} valueStyle={{ fontSize: 16 }} />
          <Statistic title={undefined} value={answered} prefix={t('operator.answered')} valueStyle={{ fontSize: 16 }} />
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        locale={{ emptyText: t('operator.noCalls') }}
        columns={[
          { title: t('operator.offeredAt'), dataIndex: 'offeredAt', render: (v: string) => formatClock(v), width: 80 },
          { title: t('operator.phone'), dataIndex: 'masked', render: (v: string | null, r) => <span className="pls-mono">{v ?? (r.callerPersonId ? t('operator.onFile') : '—')}</span> },
          { title: t('operator.outcome'), dataIndex: 'outcome', render: (v: string) => <Tag color={v === 'answered' ? 'blue' : 'orange'}>{label('outcome', v)}</Tag> },
          { title: t('operator.class'), dataIndex: 'class', render: (v: string) => label('callClass', v) },
          { title: t('operator.category'), dataIndex: 'category', render: (v: string | null) => label('category', v) },
          {
            title: t('operator.workOrder'),
            dataIndex: 'workOrderId',
            render: (v: string | null, r) => (v ? <Link to={`/records/work-orders/${v}`}>{r.handedOverTo ? t('operator.handedTo', { unit: org.name(r.handedOverTo) }) : t('common.view')}</Link> : '—'),
          },
          { title: '', dataIndex: 'id', width: 60, render: (id: string) => <Link to={`/records/hotline-calls/${id}`}>{t('common.view')}</Link> },
        ]}
      />
    </Card>
  );
}
