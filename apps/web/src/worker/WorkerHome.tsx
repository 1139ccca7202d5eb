/** 我的待办: a legal worker's queue on a phone — overdue first, one tap to the record. */
import { BookOutlined, MessageOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Segmented, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { listCases, queueOrder, type CaseItem } from '../api/queries';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { lastPosition } from '../lib/position';
import { useLoad } from '../lib/useLoad';
import { useOrg } from '../org/org';
import { caseTitle, daysLeft } from './caseLabels';

const TYPES = ['all', 'mediation', 'work-order', 'consultation', 'lecture', 'hotline-call'] as const;

export default function WorkerHome() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const org = useOrg();
  const navigate = useNavigate();
  // The records the role may open (the API's policy table).
  const canCreate = { mediation: can('mediations', null), consultation: can('consultations', null), lecture: can('lectures', null) };
  const [type, setType] = useState<(typeof TYPES)[number]>('all');
  const [open, setOpen] = useState<'true' | 'false'>('true');
  const [mine, setMine] = useState(false);
  const unitId = user?.orgUnitId ?? null;
  const cases = useLoad(
    (signal) =>
      listCases(
        {
          orgUnitId: unitId!,
          open,
          ...(type !== 'all' ? { recordType: type } : {}),
          ...(mine && user ? { assigneeId: user.id } : {}),
          sort: open === 'true' ? 'overdue-first' : 'updated',
          pageSize: 100,
          minPosition: lastPosition(),
        },
        signal,
      ),
    [unitId, type, open, mine],
    { enabled: Boolean(unitId), keepPrevious: true },
  );
  const items = useMemo(() => {
    const list = [...(cases.data?.items ?? [])];
    return open === 'true' ? list.sort(queueOrder) : list;
  }, [cases.data, open]);
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <div data-testid="worker-home" style={{ maxWidth: 760, margin: '0 auto' }}>
      <div className="pls-page-title" style={{ justifyContent: 'space-between' }}>
        <div>
          <h1>{t('worker.title')}</h1>
          <div className="pls-muted" style={{ fontSize: 12 }}>
            {org.path(unitId)}
          </div>
        </div>
        <Button icon={<ReloadOutlined />} onClick={cases.reload} loading={cases.loading} aria-label={t('common.refresh')} />
      </div>
      {(canCreate.mediation || canCreate.consultation || canCreate.lecture) && (
        <Space.Compact block style={{ marginBottom: 10 }}>
          {canCreate.mediation && (
            <Button block icon={<TeamOutlined />} onClick={() => navigate('/worker/new/mediation')} data-testid="new-mediation" type="primary">
              {t('worker.newMediation')}
            </Button>
          )}
          {canCreate.consultation && (
            <Button block icon={<MessageOutlined />} onClick={() => navigate('/worker/new/consultation')} data-testid="new-consultation">
              {t('worker.newConsultation')}
            </Button>
          )}
          {canCreate.lecture && (
            <Button block icon={<BookOutlined />} onClick={() => navigate('/worker/new/lecture')} data-testid="new-lecture">
              {t('worker.newLecture')}
            </Button>
          )}
        </Space.Compact>
      )}
      <Card size="small" style={{ marginBottom: 10 }} styles={{ body: { padding: 8 } }}>
        <Space direction="vertical" style={{ width: '100%' }} size={6}>
          <Segmented
            block
            value={open}
            onChange={(v) => setOpen(v as 'true' | 'false')}
            options={[
              { value: 'true', label: <span>{t('worker.open')} {open === 'true' && overdue > 0 && <Badge count={overdue} size="small" />}</span> },
              { value: 'false', label: t('worker.done') },
            ]}
          />
          <div style={{ overflowX: 'auto', whiteSpace: 'nowrap' }}>
            <Segmented size="small" value={type} onChange={(v) => setType(v as (typeof TYPES)[number])} options={TYPES.map((k) => ({ value: k, label: t(`recordType.${k}`) }))} />
          </div>
          <Space size={6}>
            <Switch size="small" checked={mine} onChange={setMine} />
            <span className="pls-muted" style={{ fontSize: 12 }}>
              {t('worker.onlyMine')}
            </span>
          </Space>
        </Space>
      </Card>
      {cases.error ? (
        <Alert
          type={cases.error instanceof ApiError && cases.error.status === 404 ? 'info' : 'error'}
          showIcon
          message={cases.error instanceof ApiError && cases.error.status === 404 ? t('common.listUnavailable') : t('error.load')}
          description={cases.error instanceof ApiError ? cases.error.message : String(cases.error)}
        />
      ) : cases.loading && !cases.data ? (
        <Spin style={{ display: 'block', margin: 40 }} />
      ) : items.length === 0 ? (
        <Empty description={open === 'true' ? t('worker.empty') : t('worker.emptyDone')} />
      ) : (
        <div className="pls-card-list" data-testid="queue">
          {typeof cases.data?.total === 'number' && cases.data.total > items.length && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('worker.showing', { n: items.length, total: cases.data.total })}
            </Typography.Text>
          )}
          {items.map((item) => (
            <CaseCard key={`${item.recordType}-${item.recordId}`} item={item} />
          ))}
        </div>
      )}
    </div>
  );
}

function CaseCard({ item }: { item: CaseItem }) {
  const { t, label } = useI18n();
  const org = useOrg();
  const left = daysLeft(item);
  const cls = item.overdue ? 'overdue' : left !== null && left <= 3 && !item.concludedOn ? 'due-soon' : '';
  const to = item.collection ? `/records/${item.collection}/${item.recordId}` : '#';
  return (
    <Link to={to} data-testid="case-card" data-record-type={item.recordType} data-record-id={item.recordId}>
      <Card size="small" hoverable className={`pls-case-card ${cls}`}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <div style={{ minWidth: 0 }}>
            <div className="pls-case-title">{caseTitle(item, t, label)}</div>
            <div className="pls-case-meta">
              {org.name(item.unitId)} · {t('worker.opened', { date: item.openedOn ?? '—' })}
              {item.dueOn && ` · ${t('worker.due', { date: item.dueOn })}`}
            </div>
          </div>
          <div style={{ textAlign: 'right', flex: 'none' }}>
            <Tag color={statusColor(item.status)} style={{ marginInlineEnd: 0 }}>
              {label(`status:${item.collection ?? ''}`, item.status)}
            </Tag>
            <div style={{ marginTop: 4, fontSize: 12 }}>
              {item.overdue ? (
                <Typography.Text type="danger" strong>
                  {t('worker.overdue', { n: left === null ? '' : -left })}
                </Typography.Text>
              ) : left !== null && !item.concludedOn ? (
                <Typography.Text type={left <= 3 ? 'warning' : 'secondary'}>{t('worker.daysLeft', { n: left })}</Typography.Text>
              ) : item.concludedOn ? (
                <Typography.Text type="secondary">{t('worker.concluded', { date: item.concludedOn })}</Typography.Text>
              ) : null}
            </div>
          </div>
        </div>
      </Card>
    </Link>
  );
}

export function statusColor(status: string | null | undefined): string {
  switch (status) {
    case 'registered':
    case 'created':
    case 'assigned':
    case 'opened':
    case 'planned':
    case 'missed':
    case 'voicemail':
      return 'blue';
    case 'accepted':
    case 'in-session':
    case 'acknowledged':
    case 'callback-attempted':
    case 'reopened':
    case 'returned':
      return 'orange';
    case 'agreed':
    case 'performing':
    case 'replied':
    case 'visited':
    case 'answered':
    case 'held':
    case 'reached':
      return 'green';
    case 'terminated':
    case 'rejected':
    case 'cancelled':
      return 'red';
    default:
      return 'default';
  }
}
