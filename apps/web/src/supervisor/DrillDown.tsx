/** The records behind a figure (GET /api/v1/stats/records?metric=…), each opening its timeline. */
import { Alert, Drawer, Grid, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { metricRecords, toCollection, type MetricRecord, type StatsQuery, type SuccessRateDefinition } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { formatInstant } from '../lib/dates';
import { fenToWanYuan, fenToYuan } from '../lib/money';
import { useLoad } from '../lib/useLoad';
import { useOrg } from '../org/org';
import type { Figure } from './figures';

const PAGE_SIZE = 50;

export interface DrillGroup {
  readonly by: string;
  readonly key: string | null;
  readonly label: string;
}

export function DrillDown({
  figure,
  value,
  query,
  definition,
  group,
  onClose,
}: {
  figure: Figure;
  value: string;
  query: StatsQuery;
  definition: SuccessRateDefinition;
  group?: DrillGroup | null;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const org = useOrg();
  const screens = Grid.useBreakpoint();
  const parts = figure.parts?.(definition);
  const [side, setSide] = useState<'numerator' | 'denominator'>('numerator');
  const [page, setPage] = useState(1);
  const metric = parts ? parts[side] : figure.metric;
  const records = useLoad(
    (signal) => metricRecords({ ...query, metric, page, pageSize: PAGE_SIZE, ...(group ? { by: group.by, key: group.key } : {}) }, signal),
    [metric, page, JSON.stringify(query), group?.by, group?.key],
    { keepPrevious: true },
  );
  const items = records.data?.items ?? [];
  const total = records.data?.total ?? items.length;
  const showAmount = figure.kind === 'amount' || items.some((i) => i.amountFen != null);
  const showCount = records.data?.of === 'persons' || items.some((i) => i.count != null && i.count !== 1);

  const columns: any[] = [
    {
      title: t('drill.record'),
      key: 'record',
      render: (_: unknown, r: MetricRecord) => {
        const collection = toCollection(r.recordType);
        return collection ? (
          <Link to={`/records/${collection}/${r.recordId}`} data-testid="drill-link">
            {t(`recordType.${collection}`)} <span className="pls-mono">#{r.recordId.slice(0, 8)}</span>
          </Link>
        ) : (
          <span className="pls-mono">{r.recordId.slice(0, 8)}</span>
        );
      },
    },
    { title: t('field.orgUnitId'), key: 'unit', render: (_: unknown, r: MetricRecord) => org.name(r.unitId) },
    { title: t('drill.on'), dataIndex: 'businessDay', width: 110 },
    { title: t('field.category'), dataIndex: 'category', render: (v: string | null) => (v ? label('category', v) : '—') },
  ];
  if (items.some((i) => i.kind)) columns.push({ title: t('drill.kind'), key: 'kind', render: (_: unknown, r: MetricRecord) => kindLabel(r, label) });
  if (items.some((i) => i.source)) columns.push({ title: t('field.source'), dataIndex: 'source', render: (v: string | null) => (v ? label('source', v) : '—') });
  if (showAmount) columns.push({ title: `${t('field.amountFen')}（${t('unit.yuan')}）`, dataIndex: 'amountFen', align: 'right', render: (v: number | null) => (v == null ? '—' : fenToYuan(v)) });
  if (showCount) columns.push({ title: t('drill.value'), dataIndex: 'count', align: 'right' });

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.xl ? 1000 : screens.md ? 820 : 'large'}
      placement={screens.md ? 'right' : 'bottom'}
      title={
        <Space wrap>
          <span>{t(`metric.${figure.metric}`)}</span>
          {group && <Tag>{group.label}</Tag>}
          <Tag color="blue" data-testid="drill-figure">
            {value}
            {figure.kind === 'rate' ? '%' : figure.unitKey ? ` ${t(figure.unitKey)}` : ''}
          </Tag>
        </Space>
      }
      data-testid="drill-down"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('drill.scope', { unit: org.path(query.orgUnitId), from: query.from, to: query.to })}
        {query.asOf ? ` · ${t('dash.asOfMode', { at: formatInstant(query.asOf) })}` : ''}
      </Typography.Paragraph>
      {parts && (
        <Segmented
          style={{ marginBottom: 8 }}
          value={side}
          onChange={(v) => {
            setSide(v as 'numerator' | 'denominator');
            setPage(1);
          }}
          options={[
            { value: 'numerator', label: `${t('drill.numerator')}：${t(`num.${parts.numerator}${figure.metric === 'mediation.successRate' ? `.${definition}` : ''}`)}` },
            { value: 'denominator', label: `${t('drill.denominator')}：${t(`metric.${parts.denominator}`)}` },
          ]}
        />
      )}
      {records.error ? (
        <Alert
          type={records.error instanceof ApiError && records.error.status === 404 ? 'info' : 'error'}
          showIcon
          message={records.error instanceof ApiError && records.error.status === 404 ? t('dash.unavailable') : t('error.load')}
          description={String((records.error as Error).message)}
        />
      ) : (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            {records.data ? (
              <Typography.Text strong data-testid="drill-count" data-total={total}>
                {t('drill.count', { n: total })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
            )}
            {records.data?.of === 'amount' && records.data.sumAmountFen !== null && (
              <Typography.Text type="secondary">{t('drill.amountTotal', { wan: fenToWanYuan(records.data.sumAmountFen), yuan: fenToYuan(records.data.sumAmountFen) })}</Typography.Text>
            )}
            {records.data?.of === 'persons' && records.data.sumCount !== null && <Typography.Text type="secondary">{t('drill.countTotal', { n: records.data.sumCount })}</Typography.Text>}
          </Space>
          <Table
            size="small"
            rowKey={(r: MetricRecord, i) => `${r.recordType}-${r.recordId}-${r.businessDay}-${i}`}
            loading={records.loading}
            dataSource={items}
            columns={columns}
            pagination={{ current: page, pageSize: PAGE_SIZE, total, size: 'small', hideOnSinglePage: true, showSizeChanger: false, onChange: setPage }}
            scroll={{ x: 'max-content' }}
            data-testid="drill-table"
          />
        </>
      )}
    </Drawer>
  );
}

function kindLabel(r: MetricRecord, label: (kind: string, code: string | null | undefined) => string): string {
  const codes: Record<string, string> = { mediation: 'kind', consultation: 'channel', 'hotline-call': 'callClass', 'work-order': 'callClass' };
  return r.kind ? label(codes[r.recordType] ?? 'kind', r.kind) : '—';
}
