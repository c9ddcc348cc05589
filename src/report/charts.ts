import type { DocChart } from './doc-kit.js';

/**
 * The report's charts as SVG, drawn on the server by Apache ECharts' server-side SVG renderer
 * (`init(null, null, { renderer: 'svg', ssr: true })` + `renderToSVGString()`, ECharts handbook
 * "Server-Side Rendering"): no browser, no canvas. Made for paper: black, greys and hatching, every
 * bar and point labelled with the same string as its table cell, so a black-and-white copy reads.
 * ECharts is loaded on the first chart only, so the daemon starts without it.
 */

type Echarts = typeof import('echarts/core');
let loaded: Promise<Echarts> | undefined;

async function echarts(): Promise<Echarts> {
  loaded ??= (async () => {
    const core = await import('echarts/core');
    const { BarChart, LineChart } = await import('echarts/charts');
    const { GridComponent } = await import('echarts/components');
    const { SVGRenderer } = await import('echarts/renderers');
    core.use([BarChart, LineChart, GridComponent, SVGRenderer]);
    return core;
  })();
  return loaded;
}

export interface ChartStyle {
  readonly fontFamily: string;
  /** Pixels (HTML) — the PDF scales the SVG to its column. */
  readonly width: number;
}

const ink = '#000000';
const bar = '#595959';
const rule = '#bfbfbf';

export async function chartSvg(c: DocChart, style: ChartStyle): Promise<string> {
  const e = await echarts();
  const height = c.kind === 'hbar' ? Math.max(120, 44 + 30 * c.categories.length) : 260;
  const chart = e.init(null, null, { renderer: 'svg', ssr: true, width: style.width, height });
  try {
    chart.setOption(option(c, style));
    return chart.renderToSVGString();
  } finally {
    // Disposing stops zrender's animation loop, which would otherwise keep the process alive.
    chart.dispose();
  }
}

function option(c: DocChart, style: ChartStyle): Record<string, unknown> {
  const text = { color: ink, fontFamily: style.fontFamily, fontSize: 11 };
  const label = {
    show: true,
    color: ink,
    fontFamily: style.fontFamily,
    fontSize: c.kind === 'line' ? 9 : 11,
    // No halo: print and PDF renderers ignore paint-order and would draw the white stroke on top.
    textBorderWidth: 0,
    position: c.kind === 'hbar' ? 'right' : 'top',
    formatter: (p: { dataIndex: number }) => c.labels[p.dataIndex] ?? '',
  };
  const data = c.values.map((v) => (v === null ? { value: 0 } : v));
  const valueAxis = {
    type: 'value',
    ...(c.max === undefined ? {} : { max: c.max }),
    min: 0,
    // A percentage axis needs no name: every label already says %.
    name: c.unit === '%' ? '' : c.unit,
    nameTextStyle: text,
    axisLabel: text,
    axisLine: { show: true, lineStyle: { color: ink } },
    splitLine: { lineStyle: { color: rule, type: 'dashed' } },
  };
  const categoryAxis = {
    type: 'category',
    data: c.categories,
    inverse: c.kind === 'hbar',
    axisLabel: { ...text, interval: 0, ...(c.kind === 'line' ? { fontSize: 9 } : {}) },
    axisLine: { lineStyle: { color: ink } },
    axisTick: { lineStyle: { color: ink } },
  };
  const series =
    c.kind === 'line'
      ? {
          type: 'line',
          data,
          label,
          lineStyle: { color: ink, width: 1.5 },
          itemStyle: { color: ink },
          symbol: 'circle',
          symbolSize: 5,
        }
      : {
          type: 'bar',
          data,
          label,
          barMaxWidth: 28,
          // Grey with a black edge and diagonal hatching: distinct in colour and in black and white.
          itemStyle: {
            color: bar,
            borderColor: ink,
            borderWidth: 1,
            decal: {
              symbol: 'rect',
              dashArrayX: [1, 0],
              dashArrayY: [2, 4],
              rotation: Math.PI / 4,
              color: '#ffffff55',
            },
          },
        };
  const longest = Math.max(0, ...c.categories.map((s) => s.length));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: text,
    grid: {
      left: c.kind === 'hbar' ? Math.min(220, 16 + longest * 12) : 48,
      right: c.kind === 'hbar' ? 150 : 24,
      top: 28,
      bottom: c.kind === 'bar' ? 48 : 32,
      containLabel: false,
    },
    xAxis: c.kind === 'hbar' ? valueAxis : categoryAxis,
    yAxis: c.kind === 'hbar' ? categoryAxis : valueAxis,
    series: [series],
  };
}
