/**
 * 统计分析: figures and charts over an org subtree for a period, as they
 * stand now (live over SSE) or as they stood at an "as of" instant. Every
 * figure opens the records behind it.
 */
import { ApartmentOutlined, DownloadOutlined, FileExcelOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Input, Segmented, Select, Space, Table, Tag, Tooltip, Tree, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { openLive } from '../api/live';
import { backlog, breakdown, liveUrl, summary, type Areas, type Breakdown, type SuccessRateDefinition, type Summary } from '../api/queries';
import { useAuth } from '../auth/auth';
import { EChart } from '../components/EChart';
import { useI18n } from '../i18n/i18n';
import { download } from '../lib/download';
import { toCsv, toXlsx, type Sheet } from '../lib/export';
import { addDays, addMonths, formatInstant, shanghaiDate, shanghaiInstant, startOfMonth, startOfQuarter, startOfYear } from '../lib/dates';
import { fenToWanYuan } from '../lib/money';
import { useLoad } from '../lib/useLoad';
import { useOrg, type OrgUnit } from '../org/org';
import { DrillDown, type DrillGroup } from './DrillDown';
import { AREAS, formatFigure, percent, pick, type Figure } from './figures';

const FIGURES: ReadonlyMap<string, Figure> = new Map(AREAS.flatMap((a) => a.figures.map((f) => [f.metric, f] as const)));

type Dimension = 'category' | 'orgUnit' | 'month' | 'kind' | 'source';

interface Period {
  from: string;
  /** exclusive */
  to: string;
}

function presets(today: string): Array<{ key: string; period: Period }> {
  const tomorrow = addDays(today, 1);
  const month = startOfMonth(today);
  const year = startOfYear(today);
  return [
    { key: 'thisMonth', period: { from: month, to: tomorrow } },
    { key: 'lastMonth', period: { from: addMonths(month, -1), to: month } },
    { key: 'thisQuarter', period: { from: startOfQuarter(today), to: tomorrow } },
    { key: 'thisYear', period: { from: year, to: tomorrow } },
    { key: 'lastYear', period: { from: `${Number(year.slice(0, 4)) - 1}-01-01`, to: year } },
    { key: 'last12', period: { from: addMonths(month, -11), to: tomorrow } },
  ];
}

export default function Dashboard() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const org = useOrg();
  const today = shanghaiDate();
  // The view lives in the address (?org=&from=&to=&asOf=&def=), so a figure can be shared as a link.
  const [params, setParams] = useSearchParams();
  const [unitId, setUnitId] = useState<string | null>(() => params.get('org'));
  const [period, setPeriod] = useState<Period>(() => {
    const from = params.get('from');
    const to = params.get('to');
    return from && to && /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from < to ? { from, to } : { from: startOfYear(today), to: addDays(today, 1) };
  });
  const [asOf, setAsOf] = useState<string | null>(() => params.get('asOf'));
  const [definition, setDefinition] = useState<SuccessRateDefinition>(() => {
    const d = params.get('def');
    return d === 'concluded' || d === 'cohort' ? d : 'reported';
  });
  useEffect(() => {
    const next = new URLSearchParams(params);
    const set = (k: string, v: string | null) => (v ? next.set(k, v) : next.delete(k));
    set('org', unitId);
    set('from', period.from);
    set('to', period.to);
    set('asOf', asOf);
    set('def', definition === 'reported' ? null : definition);
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [unitId, period, asOf, definition, params, setParams]);
  const [dimension, setDimension] = useState<Dimension>('category');
  const [drill, setDrill] = useState<{ figure: Figure; value: string; group?: DrillGroup } | null>(null);
  const [minPosition, setMinPosition] = useState<number | undefined>(undefined);
  const [live, setLive] = useState<'connecting' | 'live' | 'polling' | 'off'>('off');
  const [lastUpdate, setLastUpdate] = useState<string | null>(null);
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const previous = useRef<Summary | undefined>(undefined);
  const shownPosition = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (unitId && org.units.has(unitId)) return;
    const mine = user?.orgUnitId && org.units.has(user.orgUnitId) ? user.orgUnitId : (org.roots[0]?.id ?? null);
    setUnitId(mine);
  }, [org.units, org.roots, user, unitId]);

  const query = useMemo(
    () => (unitId ? { orgUnitId: unitId, from: period.from, to: period.to, asOf: asOf ?? undefined, successRate: definition, minPosition } : null),
    [unitId, period, asOf, definition, minPosition],
  );

  const sum = useLoad((signal) => summary(query!, signal), [query], { enabled: Boolean(query), keepPrevious: true });
  const byCategory = useLoad((signal) => breakdown({ ...query!, by: 'category' }, signal), [query], { enabled: Boolean(query), keepPrevious: true });
  const byMonth = useLoad((signal) => breakdown({ ...query!, by: 'month' }, signal), [query], { enabled: Boolean(query), keepPrevious: true });
  const byUnit = useLoad((signal) => breakdown({ ...query!, by: 'orgUnit' }, signal), [query], { enabled: Boolean(query), keepPrevious: true });
  const byOther = useLoad((signal) => breakdown({ ...query!, by: dimension }, signal), [query, dimension], {
    enabled: Boolean(query) && !['category', 'month', 'orgUnit'].includes(dimension),
    keepPrevious: true,
  });
  // Open cases on the last day of the period (or today, if the period runs on).
  const backlogDay = addDays(period.to, -1) < today ? addDays(period.to, -1) : today;
  // Asked for after the figures have arrived (it is the slowest query), and not on every live change.
  const figuresIn = Boolean(sum.data) && !sum.loading && !byCategory.loading && !byMonth.loading && !byUnit.loading;
  const [backlogAsked, setBacklogAsked] = useState(false);
  useEffect(() => {
    if (figuresIn) setBacklogAsked(true);
  }, [figuresIn]);
  useEffect(() => setBacklogAsked(false), [unitId, backlogDay, asOf]);
  const open = useLoad((signal) => backlog({ orgUnitId: unitId!, on: backlogDay, asOf: asOf ?? undefined }, signal), [unitId, backlogDay, asOf], {
    enabled: Boolean(unitId) && backlogAsked,
    keepPrevious: true,
  });
  const tableData: Breakdown | undefined =
    dimension === 'category' ? byCategory.data : dimension === 'month' ? byMonth.data : dimension === 'orgUnit' ? byUnit.data : byOther.data;

  // Which figures moved since the last answer: they flash.
  useEffect(() => {
    const now = sum.data;
    if (!now) return;
    const prev = previous.current;
    previous.current = now;
    if (!prev || prev.orgUnitId !== now.orgUnitId || prev.from !== now.from || prev.to !== now.to) return;
    const moved = new Set<string>();
    for (const area of AREAS) for (const f of area.figures) if (JSON.stringify(pick(prev, f.metric)) !== JSON.stringify(pick(now, f.metric))) moved.add(f.metric);
    setChanged(moved);
    setLastUpdate(shanghaiInstant());
    const timer = setTimeout(() => setChanged(new Set()), 1800);
    return () => clearTimeout(timer);
  }, [sum.data]);

  // Live: one SSE message per change of the summary; polling if the stream is not there.
  const reloadAll = useRef<() => void>(() => {});
  reloadAll.current = () => {
    sum.reload();
    byCategory.reload();
    byMonth.reload();
    byUnit.reload();
    if (!['category', 'month', 'orgUnit'].includes(dimension)) byOther.reload();
  };
  useEffect(() => {
    if (!unitId || asOf) {
      setLive('off');
      return;
    }
    let poll: ReturnType<typeof setInterval> | null = null;
    let debounce: ReturnType<typeof setTimeout> | null = null;
    const close = openLive(
      liveUrl({ orgUnitId: unitId, from: period.from, to: period.to, successRate: definition }),
      (data) => {
        let position: number | undefined;
        try {
          const parsed = JSON.parse(data);
          position = typeof parsed?.position === 'number' ? parsed.position : undefined;
        } catch {
          /* not a summary: reload anyway */
        }
        if (debounce) clearTimeout(debounce);
        debounce = setTimeout(() => {
          if (position === undefined) reloadAll.current();
          else if (position > (shownPosition.current ?? 0)) setMinPosition((p) => (p === undefined || position! > p ? position : p));
        }, 150);
      },
      (state) => {
        if (state === 'failed') {
          setLive('polling');
          poll ??= setInterval(() => reloadAll.current(), 15_000);
        } else {
          setLive(state);
          if (state === 'live' && poll) {
            clearInterval(poll);
            poll = null;
          }
        }
      },
    );
    return () => {
      close();
      if (poll) clearInterval(poll);
      if (debounce) clearTimeout(debounce);
    };
  }, [unitId, asOf, period.from, period.to, definition]);

  const s = sum.data;
  shownPosition.current = s?.position;
  const unavailable = sum.error instanceof ApiError && sum.error.status === 404;

  const openDrill = useCallback(
    (figure: Figure) => {
      if (!s) return;
      setDrill({ figure, value: formatFigure(figure, pick(s, figure.metric)) });
    },
    [s],
  );
  /** A bar of a breakdown chart: the records of that group behind that series' figure. */
  const openGroupDrill = useCallback(
    (b: Breakdown | undefined, by: Dimension, metrics: string[], p: { seriesIndex?: number; dataIndex: number }, keys: (string | null)[], names: string[]) => {
      const metric = metrics[p.seriesIndex ?? 0];
      const figure = metric ? FIGURES.get(metric) : undefined;
      const key = keys[p.dataIndex];
      const group = b?.groups.find((g) => g.key === key);
      if (!figure || key === undefined || !group) return;
      setDrill({ figure, value: formatFigure(figure, pick(group, metric!)), group: { by, key, label: names[p.dataIndex] ?? String(key) } });
    },
    [],
  );

  const categoryChart = useMemo(() => {
    // Mediations only: consultations run to thousands and would flatten the bars.
    const groups = (byCategory.data?.groups ?? []).filter((g) => g.mediation.accepted || g.mediation.succeeded);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: groups.map((g) => label('category', g.key)) },
      series: [
        { name: t('metric.mediation.accepted'), type: 'bar', barMaxWidth: 28, data: groups.map((g) => g.mediation.accepted) },
        { name: t('metric.mediation.succeeded'), type: 'bar', barMaxWidth: 28, data: groups.map((g) => g.mediation.succeeded) },
      ],
      _keys: groups.map((g) => g.key),
      _names: groups.map((g) => label('category', g.key)),
    };
  }, [byCategory.data, label, t]);

  const monthChart = useMemo(() => {
    const groups = [...(byMonth.data?.groups ?? [])].filter((g) => g.key).sort((a, b) => String(a.key).localeCompare(String(b.key)));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: groups.map((g) => g.key) },
      yAxis: [{ type: 'value', name: t('unit.cases') }, { type: 'value', name: t('unit.wanYuan'), splitLine: { show: false } }],
      series: [
        { name: t('metric.mediation.accepted'), type: 'bar', barMaxWidth: 28, data: groups.map((g) => g.mediation.accepted) },
        { name: t('metric.mediation.succeeded'), type: 'bar', barMaxWidth: 28, data: groups.map((g) => g.mediation.succeeded) },
        { name: t('metric.consultation.count'), type: 'line', smooth: true, data: groups.map((g) => g.consultation.count) },
        {
          name: t('metric.mediation.agreedAmountFen'),
          type: 'line',
          yAxisIndex: 1,
          // 万元 for the axis only: the figure itself is printed from fen.
          data: groups.map((g) => fenToWanYuan(g.mediation.agreedAmountFen, { group: false })),
        },
      ],
    };
  }, [byMonth.data, t]);

  const unitChart = useMemo(() => {
    const groups = [...(byUnit.data?.groups ?? [])].filter((g) => g.mediation.accepted || g.mediation.succeeded).sort((a, b) => b.mediation.accepted - a.mediation.accepted).slice(0, 15);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: groups.map((g) => (g.key ? org.name(g.key) : t('common.none'))) },
      series: [
        { name: t('metric.mediation.accepted'), type: 'bar', barMaxWidth: 28, data: groups.map((g) => g.mediation.accepted) },
        { name: t('metric.mediation.succeeded'), type: 'bar', barMaxWidth: 28, data: groups.map((g) => g.mediation.succeeded) },
      ],
      _keys: groups.map((g) => g.key),
      _names: groups.map((g) => (g.key ? org.name(g.key) : t('common.none'))),
    };
  }, [byUnit.data, org, t]);

  const sheet = useMemo(() => (tableData && s ? breakdownSheet(tableData, s, dimension, { t, label, unit: org.name }) : null), [tableData, s, dimension, t, label, org]);
  const fileBase = `${t('dash.exportName')}_${org.name(unitId)}_${period.from}_${addDays(period.to, -1)}_${t(`dim.${dimension}`)}`;

  const rangeValue: [Dayjs, Dayjs] = [dayjs(period.from), dayjs(addDays(period.to, -1))];

  return (
    <div data-testid="dashboard">
      <div className="pls-page-title" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Space align="baseline" wrap>
          <h1>{t('dash.title')}</h1>
          <span className="sub">{org.path(unitId)}</span>
        </Space>
        <Space size={6} className="pls-muted" style={{ fontSize: 12 }} data-testid="live-status" data-live={live}>
          <span className={`pls-live-dot ${live === 'live' ? '' : 'off'}`} />
          {asOf ? t('dash.asOfMode', { at: formatInstant(asOf) }) : t(`dash.live.${live}`)}
          {lastUpdate && !asOf && <span>· {t('dash.updatedAt', { at: formatInstant(lastUpdate, true) })}</span>}
          {s && <span>· {t('dash.position', { n: s.position })}</span>}
        </Space>
      </div>
      <div className="pls-dash-grid">
        <Card size="small" title={<span><ApartmentOutlined /> {t('dash.orgTree')}</span>} styles={{ body: { padding: 8, maxHeight: 'calc(100vh - 160px)', overflow: 'auto' } }}>
          <OrgTree roots={org.roots} value={unitId} onChange={setUnitId} />
        </Card>
        <div style={{ minWidth: 0 }}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space wrap size={[16, 8]}>
              <Space size={4} wrap>
                <span className="pls-muted">{t('dash.period')}</span>
                <DatePicker.RangePicker
                  allowClear={false}
                  value={rangeValue}
                  onChange={(v) => v && v[0] && v[1] && setPeriod({ from: v[0].format('YYYY-MM-DD'), to: addDays(v[1].format('YYYY-MM-DD'), 1) })}
                  data-testid="period"
                />
                <Select
                  style={{ width: 120 }}
                  placeholder={t('dash.presets')}
                  value={presets(today).find((p) => p.period.from === period.from && p.period.to === period.to)?.key}
                  options={presets(today).map((p) => ({ value: p.key, label: t(`preset.${p.key}`) }))}
                  onChange={(k) => setPeriod(presets(today).find((p) => p.key === k)!.period)}
                />
              </Space>
              <Space size={4} wrap>
                <span className="pls-muted">{t('dash.asOf')}</span>
                <Segmented
                  value={asOf ? 'asOf' : 'live'}
                  options={[
                    { value: 'live', label: t('dash.now') },
                    { value: 'asOf', label: t('dash.asOfPick') },
                  ]}
                  onChange={(v) => setAsOf(v === 'live' ? null : shanghaiInstant(new Date(Date.now() - 86_400_000)))}
                />
                {asOf && (
                  <DatePicker
                    showTime
                    allowClear={false}
                    value={dayjs(asOf)}
                    onChange={(d) => d && setAsOf(shanghaiInstant(d.toDate()))}
                    data-testid="as-of"
                  />
                )}
              </Space>
              <Space size={4} wrap>
                <span className="pls-muted">{t('dash.successRate')}</span>
                <Select
                  style={{ width: 150 }}
                  value={definition}
                  onChange={setDefinition}
                  data-testid="definition"
                  options={(['reported', 'concluded', 'cohort'] as const).map((d) => ({ value: d, label: t(`def.${d}`) }))}
                />
              </Space>
            </Space>
            <div className="pls-muted" style={{ fontSize: 12, marginTop: 8 }} data-testid="definition-text">
              <InfoCircleOutlined /> {t(`def.${definition}.text`)}
            </div>
          </Card>
          {unavailable && <Alert type="info" showIcon message={t('dash.unavailable')} description={t('dash.unavailableDetail')} style={{ marginBottom: 12 }} />}
          {sum.error && !unavailable ? <Alert type="error" showIcon message={t('error.load')} description={String((sum.error as Error).message)} style={{ marginBottom: 12 }} /> : null}

          {AREAS.map((area) => (
            <div key={area.key}>
              <div className="pls-area-title">{t(`area.${area.key}`)}</div>
              <div className="pls-figure-grid">
                {area.figures.map((f) => (
                  <FigureCard key={f.metric} figure={f} summary={s} definition={definition} flash={changed.has(f.metric)} onOpen={() => openDrill(f)} />
                ))}
              </div>
            </div>
          ))}

          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 12, marginTop: 16 }}>
            <Card size="small" title={t('dash.byCategory')}>
              {byCategory.data?.groups.length ? (
                <EChart
                  option={categoryChart}
                  height={340}
                  testId="chart-category"
                  onClick={(p) => openGroupDrill(byCategory.data, 'category', ['mediation.accepted', 'mediation.succeeded'], p, categoryChart._keys, categoryChart._names)}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
            <Card size="small" title={t('dash.byMonth')}>
              {byMonth.data?.groups.length ? <EChart option={monthChart} height={340} testId="chart-month" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            </Card>
            <Card size="small" title={t('dash.byUnit')} extra={<span className="pls-muted" style={{ fontSize: 12 }}>{t('dash.byUnitHint')}</span>}>
              {byUnit.data?.groups.length ? (
                <EChart
                  option={unitChart}
                  height={340}
                  testId="chart-unit"
                  onClick={(p) => {
                    const key = unitChart._keys[p.dataIndex];
                    if (key && key !== unitId && org.units.get(key)?.children?.length) setUnitId(key);
                    else openGroupDrill(byUnit.data, 'orgUnit', ['mediation.accepted', 'mediation.succeeded'], p, unitChart._keys, unitChart._names);
                  }}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
            <Card size="small" title={t('dash.backlog', { date: backlogDay })} data-testid="backlog">
              <div className="pls-figure-grid">
                {(['mediation', 'workOrder', 'consultation'] as const).map((k) => (
                  <div key={k} style={{ padding: '8px 4px' }}>
                    <div className="pls-figure-label">{t(`backlog.${k}`)}</div>
                    <div className="pls-figure-value">
                      {open.data ? open.data.open[k] : '—'}
                      <span className="pls-figure-unit">{t('unit.cases')}</span>
                    </div>
                  </div>
                ))}
              </div>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
                {t('dash.backlogNote')}
              </Typography.Paragraph>
            </Card>
          </div>

          <Card
            size="small"
            style={{ marginTop: 12 }}
            title={
              <Space wrap>
                {t('dash.breakdown')}
                <Segmented size="small" value={dimension} onChange={(v) => setDimension(v as Dimension)} options={(['category', 'orgUnit', 'month', 'kind', 'source'] as const).map((d) => ({ value: d, label: t(`dim.${d}`) }))} />
              </Space>
            }
            extra={
              <Space>
                <Button size="small" icon={<DownloadOutlined />} disabled={!sheet} data-testid="export-csv" onClick={() => sheet && download(`${fileBase}.csv`, toCsv(sheet), 'text/csv;charset=utf-8')}>
                  CSV
                </Button>
                <Button
                  size="small"
                  icon={<FileExcelOutlined />}
                  disabled={!sheet}
                  data-testid="export-xlsx"
                  onClick={() => sheet && download(`${fileBase}.xlsx`, toXlsx(sheet), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')}
                >
                  XLSX
                </Button>
              </Space>
            }
          >
            {sheet ? (
              <Table
                size="small"
                bordered
                scroll={{ x: 'max-content' }}
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={sheet.rows.map((r) => Object.fromEntries(r.map((c, i) => [String(i), c])))}
                columns={sheet.header.map((h, i) => ({ title: h, dataIndex: String(i), align: i === 0 ? 'left' : 'right', fixed: i === 0 ? 'left' : undefined }))}
                data-testid="breakdown-table"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dash.amountNote')}
            </Typography.Text>
          </Card>
        </div>
      </div>
      {drill && query && (
        <DrillDown figure={drill.figure} value={drill.value} group={drill.group} query={{ ...query, minPosition: s?.position }} definition={definition} onClose={() => setDrill(null)} />
      )}
    </div>
  );
}

function FigureCard({ figure, summary: s, definition, flash, onOpen }: { figure: Figure; summary: Summary | undefined; definition: SuccessRateDefinition; flash: boolean; onOpen: () => void }) {
  const { t } = useI18n();
  const v = pick(s, figure.metric) as any;
  const shown = s ? formatFigure(figure, v) : '—';
  let note: string | null = null;
  if (figure.kind === 'rate' && v && typeof v === 'object') {
    note = v.denominator ? `${v.numerator} / ${v.denominator}` : t('dash.noDenominator');
  }
  if (figure.metric === 'mediation.claimedAmountFen' && s && s.mediation.claimedAmountMissing) note = t('dash.claimedMissing', { n: s.mediation.claimedAmountMissing });
  return (
    <Card size="small" className={`pls-figure ${flash ? 'pls-flash' : ''}`} onClick={onOpen} data-testid={`figure-${figure.metric}`} data-value={shown} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen()}>
      <div className="pls-figure-label">
        <span>{t(`metric.${figure.metric}`)}</span>
        {figure.metric === 'mediation.successRate' && (
          <Tooltip title={t(`def.${definition}.text`)}>
            <Tag color="blue" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
              {t(`def.${definition}`)}
            </Tag>
          </Tooltip>
        )}
      </div>
      <div className="pls-figure-value">
        <span data-testid="figure-value">{shown}</span>
        {shown !== '—' && <span className="pls-figure-unit">{figure.kind === 'rate' ? '%' : figure.unitKey ? t(figure.unitKey) : ''}</span>}
      </div>
      <div className="pls-figure-note">{note}</div>
    </Card>
  );
}

function OrgTree({ roots, value, onChange }: { roots: OrgUnit[]; value: string | null; onChange: (id: string) => void }) {
  const { t, label } = useI18n();
  const [search, setSearch] = useState('');
  const data = useMemo(() => {
    const match = (u: OrgUnit): any => {
      const kids = (u.children ?? []).map(match).filter(Boolean);
      if (search && !u.name.includes(search) && kids.length === 0) return null;
      return {
        key: u.id,
        title: (
          <span data-testid={`org-node-${u.name}`}>
            {u.name} <span className="pls-muted" style={{ fontSize: 11 }}>{label('levelShort', u.level)}</span>
          </span>
        ),
        children: kids,
      };
    };
    return roots.map(match).filter(Boolean);
  }, [roots, search, label]);
  const expanded = useMemo(() => {
    const keys: string[] = [];
    const walk = (u: OrgUnit, depth: number) => {
      if (depth < 1 || search) keys.push(u.id);
      u.children?.forEach((c) => walk(c, depth + 1));
    };
    roots.forEach((r) => walk(r, 0));
    return keys;
  }, [roots, search]);
  return (
    <>
      <Input.Search size="small" placeholder={t('dash.searchUnit')} allowClear onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 6 }} />
      <Tree
        blockNode
        treeData={data}
        selectedKeys={value ? [value] : []}
        defaultExpandedKeys={expanded}
        key={search ? `s-${search}` : 'all'}
        onSelect={(keys) => keys[0] && onChange(String(keys[0]))}
        data-testid="org-tree"
      />
    </>
  );
}

/** The breakdown as a table (and the export): one row per group, then the total from the summary. */
function breakdownSheet(
  b: Breakdown,
  s: Summary,
  by: Dimension,
  ctx: { t: (k: string, v?: any) => string; label: (kind: string, code: string | null | undefined) => string; unit: (id: string | null | undefined) => string },
): Sheet {
  const { t, label, unit } = ctx;
  const keyLabel = (k: string | null) => {
    if (k === null) return t('common.none');
    if (by === 'category') return `${k} ${label('category', k)}`;
    if (by === 'orgUnit') return unit(k);
    if (by === 'kind') return label('kind', k);
    if (by === 'source') return label('source', k);
    return k;
  };
  const header = [
    t(`dim.${by}`),
    t('metric.mediation.accepted'),
    t('metric.mediation.concluded'),
    t('metric.mediation.succeeded'),
    `${t('metric.mediation.successRate')}(%)`,
    `${t('metric.mediation.claimedAmountFen')}(${t('unit.wanYuan')})`,
    `${t('metric.mediation.agreedAmountFen')}(${t('unit.wanYuan')})`,
    t('metric.mediation.personTimes'),
    t('metric.consultation.count'),
    t('metric.consultation.personsServed'),
    t('metric.hotline.offered'),
    t('metric.hotline.answered'),
    t('metric.workOrder.created'),
    t('metric.lecture.held'),
    t('metric.lecture.attendees'),
  ];
  const row = (key: string, a: Areas) => [
    key,
    a.mediation.accepted,
    a.mediation.concluded,
    a.mediation.succeeded,
    percent(a.mediation.successRate) ?? '—',
    fenToWanYuan(a.mediation.claimedAmountFen, { group: false }),
    fenToWanYuan(a.mediation.agreedAmountFen, { group: false }),
    a.mediation.personTimes,
    a.consultation.count,
    a.consultation.personsServed,
    a.hotline.offered,
    a.hotline.answered,
    a.workOrder.created,
    a.lecture.held,
    a.lecture.attendees,
  ];
  const groups = [...b.groups].sort((x, y) => (x.key === null ? 1 : y.key === null ? -1 : String(x.key).localeCompare(String(y.key))));
  return {
    name: t(`dim.${by}`),
    header,
    rows: [...groups.map((g) => row(keyLabel(g.key), g)), row(t('common.total'), s)],
  };
}
