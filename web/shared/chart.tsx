/**
 * Small SVG charts. Each is an image with a name for screen readers and the same figures as
 * a table (visually hidden), so nothing is only in the picture.
 */
import type { JSX } from "preact";
import { forDrawing } from "./format.js";

export type Series = { name: string; values: readonly string[]; className: string };

const W = 640;
const H = 220;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

function scale(max: number) {
  const top = max <= 0 ? 1 : niceCeil(max);
  return { top, y: (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / top) };
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function Axes(props: { labels: readonly string[]; top: number }) {
  const ticks = [0, 0.5, 1].map((f) => f * props.top);
  const y = scale(props.top).y;
  const step = (W - PAD.left - PAD.right) / Math.max(props.labels.length, 1);
  return (
    <g class="axes">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} class="grid" />
          <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
            {t.toLocaleString("en")}
          </text>
        </g>
      ))}
      {props.labels.map((l, i) => (
        <text key={l} x={PAD.left + step * (i + 0.5)} y={H - 8} text-anchor="middle">
          {l.length > 7 ? l.slice(2) : l}
        </text>
      ))}
    </g>
  );
}

function DataTable(props: { title: string; labels: readonly string[]; series: readonly Series[] }) {
  return (
    <table class="visually-hidden">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">Period</th>
          {props.series.map((s) => (
            <th scope="col" key={s.name}>
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.labels.map((l, i) => (
          <tr key={l}>
            <th scope="row">{l}</th>
            {props.series.map((s) => (
              <td key={s.name}>{s.values[i]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Legend(props: { series: readonly Series[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {props.series.map((s) => (
        <li key={s.name}>
          <span class={`swatch ${s.className}`} /> {s.name}
        </li>
      ))}
    </ul>
  );
}

/** Bars side by side per label. */
export function BarChart(props: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  unit: string;
}): JSX.Element {
  const max = Math.max(0, ...props.series.flatMap((s) => s.values.map(forDrawing)));
  const { top, y } = scale(max);
  const step = (W - PAD.left - PAD.right) / Math.max(props.labels.length, 1);
  const bar = (step * 0.8) / Math.max(props.series.length, 1);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        <Axes labels={props.labels} top={top} />
        {props.series.map((s, si) =>
          s.values.map((v, i) => {
            const value = Math.max(0, forDrawing(v));
            const x = PAD.left + step * i + step * 0.1 + bar * si;
            return (
              <rect
                key={`${s.name}-${props.labels[i]}`}
                class={s.className}
                x={x}
                y={y(value)}
                width={Math.max(bar - 2, 1)}
                height={Math.max(H - PAD.bottom - y(value), 0)}
              />
            );
          }),
        )}
      </svg>
      <Legend series={props.series} />
      <DataTable title={props.title} labels={props.labels} series={props.series} />
    </figure>
  );
}

/** One line per series. */
export function LineChart(props: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  unit: string;
}): JSX.Element {
  const max = Math.max(0, ...props.series.flatMap((s) => s.values.map(forDrawing)));
  const { top, y } = scale(max);
  const step = (W - PAD.left - PAD.right) / Math.max(props.labels.length, 1);
  const x = (i: number) => PAD.left + step * (i + 0.5);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        <Axes labels={props.labels} top={top} />
        {props.series.map((s) => (
          <g key={s.name} class={s.className}>
            <polyline
              fill="none"
              points={s.values.map((v, i) => `${x(i)},${y(forDrawing(v))}`).join(" ")}
            />
            {s.values.map((v, i) => (
              <circle key={props.labels[i]} cx={x(i)} cy={y(forDrawing(v))} r={3} />
            ))}
          </g>
        ))}
      </svg>
      <Legend series={props.series} />
      <DataTable title={props.title} labels={props.labels} series={props.series} />
    </figure>
  );
}
