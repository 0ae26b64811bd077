/**
 * Small SVG charts. Each is an image with a name for screen readers and the same figures as
 * a table (visually hidden), so nothing is only in the picture.
 *
 * A chart is drawn at the width it is shown (one unit of the picture is one CSS pixel), so its
 * axis labels keep their size (12 px) on a phone as on a desk; labels that would not fit
 * side by side are thinned out (every second, third, … is shown; the table has them all).
 */
import type { JSX } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { forDrawing } from "./format.js";

export type Series = { name: string; values: readonly string[]; className: string };

const H = 220;
const PAD = { right: 12, top: 12, bottom: 28 };
/** The axis labels' font size in pixels (styles.css: svg text), and a glyph's width at most. */
export const LABEL_PX = 12;
const GLYPH_PX = LABEL_PX * 0.62;

/** The width an element is shown at, kept up to date; `fallback` before it is measured. */
function useWidth(fallback: number): [(el: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof ResizeObserver === "undefined") return;
    observer.current = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.current.observe(el);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}

/** 1250 → "1,250"; 25000 → "25k"; 1500000 → "1.5M" (axis ticks only). */
export function tickLabel(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1_000_000) return `${+(v / 1_000_000).toFixed(2)}M`;
  if (abs >= 10_000) return `${+(v / 1000).toFixed(1)}k`;
  return v.toLocaleString("en", { maximumFractionDigits: 2 });
}

/** "2026-03" → "Mar 26" (shorter on the axis); other labels as they are. */
export function axisLabel(l: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(l);
  if (!m) return l;
  const months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  return `${months[Number(m[2]) - 1]} ${m[1]!.slice(2)}`;
}

/**
 * Every how many labels one is shown so that none overlap: each needs its text's width and a
 * gap, and `step` pixels are between two labels' centres.
 */
export function labelEvery(labels: readonly string[], step: number): number {
  const widest = Math.max(0, ...labels.map((l) => axisLabel(l).length)) * GLYPH_PX + 8;
  return Math.max(1, Math.ceil(widest / Math.max(step, 1)));
}

type Frame = {
  width: number;
  left: number;
  step: number;
  top: number;
  y: (v: number) => number;
};

function frame(width: number, labels: readonly string[], max: number): Frame {
  const top = max <= 0 ? 1 : niceCeil(max);
  const ticks = [0, 0.5, 1].map((f) => tickLabel(f * top));
  const left = Math.max(...ticks.map((t) => t.length)) * GLYPH_PX + 12;
  const step = (width - left - PAD.right) / Math.max(labels.length, 1);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / top);
  return { width, left, step, top, y };
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function Axes(props: { labels: readonly string[]; f: Frame }) {
  const { f } = props;
  const every = labelEvery(props.labels, f.step);
  // the last label is always shown; the others count back from it
  const last = props.labels.length - 1;
  return (
    <g class="axes">
      {[0, 0.5, 1].map((k) => {
        const t = k * f.top;
        return (
          <g key={k}>
            <line x1={f.left} x2={f.width - PAD.right} y1={f.y(t)} y2={f.y(t)} class="grid" />
            <text x={f.left - 6} y={f.y(t) + 4} text-anchor="end">
              {tickLabel(t)}
            </text>
          </g>
        );
      })}
      {props.labels.map((l, i) =>
        (last - i) % every === 0 ? (
          <text key={l} x={f.left + f.step * (i + 0.5)} y={H - 8} text-anchor="middle">
            {axisLabel(l)}
          </text>
        ) : null,
      )}
    </g>
  );
}

function DataTable(props: { title: string; labels: readonly string[]; series: readonly Series[] }) {
  return (
    // the wrapper, not the table, is hidden: a table keeps the width of its content, which
    // would widen the page on a phone
    <div class="visually-hidden">
      <table>
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
    </div>
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
  const [ref, width] = useWidth(640);
  const max = Math.max(0, ...props.series.flatMap((s) => s.values.map(forDrawing)));
  const f = frame(width, props.labels, max);
  const { step, y } = f;
  const bar = (step * 0.8) / Math.max(props.series.length, 1);
  return (
    <figure class="chart" ref={ref}>
      <figcaption>{props.title}</figcaption>
      <svg
        width={width}
        height={H}
        viewBox={`0 0 ${width} ${H}`}
        role="img"
        aria-label={props.title}
      >
        <Axes labels={props.labels} f={f} />
        {props.series.map((s, si) =>
          s.values.map((v, i) => {
            const value = Math.max(0, forDrawing(v));
            const x = f.left + step * i + step * 0.1 + bar * si;
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
  const [ref, width] = useWidth(640);
  const max = Math.max(0, ...props.series.flatMap((s) => s.values.map(forDrawing)));
  const f = frame(width, props.labels, max);
  const { y } = f;
  const x = (i: number) => f.left + f.step * (i + 0.5);
  return (
    <figure class="chart" ref={ref}>
      <figcaption>{props.title}</figcaption>
      <svg
        width={width}
        height={H}
        viewBox={`0 0 ${width} ${H}`}
        role="img"
        aria-label={props.title}
      >
        <Axes labels={props.labels} f={f} />
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
