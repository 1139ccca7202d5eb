import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { FONT_STACK } from '../theme';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent, CanvasRenderer]);

export const PALETTE = ['#1d4f91', '#3f8ad8', '#f0a030', '#2f7d32', '#c62828', '#7b5ea7', '#1f9aa5', '#8c8c8c'];

/** One ECharts instance, resized with its box; `onClick` gets the clicked item's name and series. */
export function EChart({
  option,
  height = 300,
  onClick,
  testId,
}: {
  option: echarts.EChartsCoreOption & Record<string, unknown>;
  height?: number;
  onClick?: (p: { name: string; seriesName?: string; seriesIndex?: number; dataIndex: number; data: unknown }) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p: any) => clickRef.current?.({ name: p.name, seriesName: p.seriesName, seriesIndex: p.seriesIndex, dataIndex: p.dataIndex, data: p.data }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Keys starting with "_" are the page's own bookkeeping, not ECharts options.
    const clean = Object.fromEntries(Object.entries(option).filter(([k]) => !k.startsWith('_')));
    chart.current?.setOption({ color: PALETTE, textStyle: { fontFamily: FONT_STACK }, animationDuration: 300, ...clean }, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: '100%', height }} data-testid={testId} />;
}
