/**
 * Any record: its current state, what can be done next, and its whole event
 * history in plain words (GET /api/v1/<collection>/{id} and …/history).
 */
import { ArrowLeftOutlined, HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Grid, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, get, readHistory, readRecord } from '../api/client';
import { COLLECTIONS } from '../api/queries';
import { useAuth } from '../auth/auth';
import { useWords } from '../components/useCommand';
import { useI18n } from '../i18n/i18n';
import { formatInstant } from '../lib/dates';
import { useLoad } from '../lib/useLoad';
import { useOrg } from '../org/org';
import { statusColor } from '../worker/WorkerHome';
import { ActionForm } from './ActionForm';
import { actionsFor, type ActionSpec } from './actions';
import { describeActor, describeEvent } from './describe';
import { formatValue, HIDDEN_FIELDS, LEADING_FIELDS, stateFieldLabel } from './fields';

export default function RecordPage() {
  const { collection = '', id = '' } = useParams();
  const { t, label } = useI18n();
  const { user, can } = useAuth();
  const org = useOrg();
  const words = useWords();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [acting, setActing] = useState<ActionSpec | null>(null);
  const [allFields, setAllFields] = useState(false);
  const record = useLoad(async (signal) => {
    const [state, history] = await Promise.all([readRecord(collection, id, signal), readHistory(collection, id, signal)]);
    return { state, history };
  }, [collection, id], { keepPrevious: true });

  const state = record.data?.state;
  const events = record.data?.history.events ?? [];
  // Only what the role may run (the API's policy table); whether the record lies in the user's scope, the API decides.
  const actions = useMemo(() => (state ? actionsFor(collection, state).filter((a) => can(collection, a.action)) : []), [collection, state, can]);

  if (!COLLECTIONS.includes(collection as never)) return <Result status="404" title={t('record.unknownType')} />;
  if (record.error) {
    const notFound = record.error instanceof ApiError && record.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('record.notFound') : t('error.load')}
        subTitle={record.error instanceof Error ? record.error.message : ''}
        extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>}
      />
    );
  }
  if (!state) return <Skeleton active paragraph={{ rows: 10 }} />;

  const fieldKeys = [
    ...LEADING_FIELDS.filter((k) => k in state),
    ...Object.keys(state).filter((k) => !LEADING_FIELDS.includes(k) && !HIDDEN_FIELDS.has(k)),
  ].filter((k) => !HIDDEN_FIELDS.has(k));
  const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const shownKeys = allFields ? fieldKeys : fieldKeys.filter((k) => !isEmpty(state[k]));
  const referredFrom = state['referredFrom'] as { collection: string; id: string } | null | undefined;
  const fmtCtx = { t, label, unit: org.name, collection };
  const workOrderOfCall = collection === 'hotline-calls' ? (state['workOrderId'] as string | null) : null;
  const callOfWorkOrder = collection === 'work-orders' ? (state['callId'] as string | null) : null;
  const toMediation = Boolean(callOfWorkOrder) && ['acknowledged', 'reopened'].includes(state.status) && can('mediations', null);

  return (
    <div data-testid="record-page" data-status={state.status} data-version={state.version} style={{ maxWidth: 1100, margin: '0 auto' }}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Button size="small" icon={<ReloadOutlined />} onClick={record.reload} loading={record.loading}>
          {t('common.refresh')}
        </Button>
      </Space>
      <div className="pls-page-title" style={{ flexWrap: 'wrap' }}>
        <h1>
          {t(`recordType.${collection}`)} <span className="pls-mono pls-muted">#{id.slice(0, 8)}</span>
        </h1>
        <Tag color={statusColor(state.status)} data-testid="record-status" style={{ fontSize: 13 }}>
          {label(`status:${collection}`, state.status)}
        </Tag>
        <span className="sub">
          {org.path(state['orgUnitId'] as string)} · {t('record.version', { n: state.version })}
        </span>
      </div>

      {(actions.length > 0 || toMediation) && (
        <Card size="small" style={{ marginBottom: 12 }} className={screens.md ? undefined : 'pls-sticky-actions'}>
          <Space wrap data-testid="record-actions">
            {actions.map((a) => (
              <Button key={a.action} type={a.primary ? 'primary' : 'default'} danger={a.danger} onClick={() => setActing(a)} data-testid={`act-${a.action}`}>
                {t(a.labelKey)}
              </Button>
            ))}
            {toMediation && (
              <Button onClick={() => navigate(`/worker/new/mediation?fromCall=${callOfWorkOrder}&workOrder=${id}`)} data-testid="act-to-mediation">
                {t('act.toMediation')}
              </Button>
            )}
          </Space>
        </Card>
      )}

      <div style={{ display: 'grid', gridTemplateColumns: screens.lg ? 'minmax(0, 1fr) minmax(0, 1fr)' : '1fr', gap: 12, alignItems: 'start' }}>
        <Card
          size="small"
          title={t('record.current')}
          extra={
            fieldKeys.length > shownKeys.length || allFields ? (
              <Button size="small" type="link" onClick={() => setAllFields((v) => !v)}>
                {allFields ? t('record.hideEmpty') : t('record.showAll', { n: fieldKeys.length - shownKeys.length })}
              </Button>
            ) : null
          }
        >
          <Descriptions size="small" column={1} bordered className="pls-state-table" data-testid="record-state">
            {shownKeys.map((k) => (
              <Descriptions.Item key={k} label={stateFieldLabel(k, t)}>
                {k === 'referredFrom' && referredFrom ? (
                  <Link to={`/records/${referredFrom.collection}/${referredFrom.id}`}>{formatValue(k, state[k], fmtCtx)}</Link>
                ) : (
                  formatValue(k, state[k], fmtCtx)
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {workOrderOfCall && (
            <Alert style={{ marginTop: 8 }} type="info" showIcon message={<Link to={`/records/work-orders/${workOrderOfCall}`}>{t('record.openWorkOrder')}</Link>} />
          )}
          {callOfWorkOrder && <Alert style={{ marginTop: 8 }} type="info" showIcon message={<Link to={`/records/hotline-calls/${callOfWorkOrder}`}>{t('record.openCall')}</Link>} />}
          {Array.isArray(state['parties']) && <Parties parties={state['parties'] as { personId: string; role: string }[]} />}
        </Card>
        <Card size="small" title={<span><HistoryOutlined /> {t('record.history', { n: events.length })}</span>} data-testid="timeline">
          {events.length === 0 ? (
            <Empty />
          ) : (
            <Timeline
              items={events.map((e) => {
                const d = describeEvent(e, words);
                return {
                  color: d.tone,
                  children: (
                    <div data-testid="timeline-event" data-event-type={e.type}>
                      <div className="pls-timeline-title">
                        {d.title}
                        {d.link && (
                          <>
                            {' '}
                            <Link to={`/records/${d.link.collection}/${d.link.id}`}>{t('common.view')}</Link>
                          </>
                        )}
                      </div>
                      {d.detail && <div className="pls-timeline-detail">{d.detail}</div>}
                      <div className="pls-timeline-who">
                        {d.effective && `${t('record.effective', { date: d.effective })} · `}
                        {describeActor(e, words, user?.id ?? null)} · {t('record.recordedAt', { at: formatInstant(e.recordedAt, true) })} · v{e.version}
                      </div>
                    </div>
                  ),
                };
              })}
            />
          )}
        </Card>
      </div>
      {acting && (
        <ActionForm
          collection={collection}
          id={id}
          spec={acting}
          state={state}
          version={state.version}
          onClose={() => setActing(null)}
          onDone={(w) => {
            setActing(null);
            message.success(t('act.done', { action: t(acting.labelKey) }));
            record.reload();
            if (w['workOrderId']) navigate(`/records/work-orders/${String(w['workOrderId'])}`);
          }}
        />
      )}
    </div>
  );
}

function Parties({ parties }: { parties: { personId: string; role: string }[] }) {
  const { t, label } = useI18n();
  const masked = useLoad(
    (signal) => Promise.all(parties.map((p) => get<{ name: string; phone: string | null }>(`/api/v1/persons/${p.personId}`, undefined, signal).catch(() => null))),
    [parties.map((p) => p.personId).join()],
  );
  return (
    <div style={{ marginTop: 12 }}>
      <div className="pls-section-title">{t('record.parties', { n: parties.length })}</div>
      {parties.map((p, i) => (
        <div key={p.personId} style={{ display: 'flex', gap: 8, padding: '4px 0', borderBottom: '1px dashed #eee' }}>
          <Tag>{label('role', p.role)}</Tag>
          <Typography.Text>{masked.data?.[i]?.name ?? '…'}</Typography.Text>
          <Typography.Text type="secondary" className="pls-mono">
            {masked.data?.[i]?.phone ?? ''}
          </Typography.Text>
        </div>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('record.maskedNote')}
      </Typography.Text>
    </div>
  );
}
