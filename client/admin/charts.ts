/** Chart.js, tree-shaken to what the dashboard draws, styled from the design tokens. */
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, ChartConfiguration, ChartType, DoughnutController, Filler, Legend,
  LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { h, mount } from '../shared/dom';
import { iBarChart } from '../shared/icons';
import { emptyState, errorState, loadingState } from '../shared/ui';
import { card } from './kit';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

function token(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function palette(): string[] {
  return [1, 2, 3, 4, 5, 6, 7, 8].map((i) => token(`--sb-chart-${i}`, '#5b4ddf'));
}

/** A translucent version of a hex colour, for fills. */
export function alpha(hex: string, a: number): string {
  const m = hex.replace('#', '');
  const n = parseInt(m.length === 3 ? m.split('').map((c) => c + c).join('') : m, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

let defaultsSet = false;
function setDefaults(): void {
  if (defaultsSet) return;
  defaultsSet = true;
  Chart.defaults.font.family = token('--sb-font', 'system-ui, sans-serif');
  Chart.defaults.font.size = 12;
  Chart.defaults.color = token('--sb-text-muted', '#6b7384');
  Chart.defaults.borderColor = token('--sb-gray-100', '#eef0f4');
  Chart.defaults.plugins.legend.labels.boxWidth = 10;
  Chart.defaults.plugins.legend.labels.boxHeight = 10;
  Chart.defaults.plugins.legend.labels.usePointStyle = true;
  Chart.defaults.plugins.tooltip.backgroundColor = token('--sb-gray-900', '#141821');
  Chart.defaults.plugins.tooltip.padding = 10;
  Chart.defaults.plugins.tooltip.cornerRadius = 8;
  Chart.defaults.plugins.tooltip.titleFont = { weight: 600 };
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : Chart.defaults.animation;
}

/** Draws into a fresh canvas inside `host`; returns the chart (destroy it when the page goes). */
export function drawChart<T extends ChartType>(host: HTMLElement, config: ChartConfiguration<T>, label: string): Chart<T> {
  setDefaults();
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  host.replaceChildren(canvas);
  return new Chart(canvas, config);
}

/** A chart card with loading, empty and error (or "not available") states. */
export class ChartCard {
  readonly el: HTMLElement;
  private readonly box = h('div', { class: 'chart-box' });
  private chart: Chart<ChartType> | null = null;

  constructor(readonly title: string, sub: string, options: { wide?: boolean; testId?: string } = {}) {
    this.el = card(title, this.box, { sub, className: `chart-card${options.wide ? ' adm-span-2' : ''}`, testId: options.testId });
  }

  loading(): void {
    this.destroy();
    mount(this.box, loadingState(`Loading ${this.title}`, 5));
  }

  empty(message = 'No data in this period yet'): void {
    this.destroy();
    mount(this.box, emptyState(message, 'Numbers appear here as conversations come in.', { icon: iBarChart }));
  }

  error(error: unknown, retry?: () => void): void {
    this.destroy();
    mount(this.box, errorState(error, retry, { feature: 'Analytics', compact: true }));
  }

  draw<T extends ChartType>(config: ChartConfiguration<T>): void {
    this.destroy();
    this.box.setAttribute('data-state', 'chart');
    this.chart = drawChart(this.box, config, this.title) as unknown as Chart<ChartType>;
  }

  destroy(): void {
    this.box.removeAttribute('data-state');
    this.chart?.destroy();
    this.chart = null;
  }
}


export type { Chart, ChartConfiguration, ChartType };
