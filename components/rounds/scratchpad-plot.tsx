"use client";
import { useEffect, useRef, useState } from "react";
import type { ScratchpadSeries } from "@/lib/grading/answers";
import "uplot/dist/uPlot.min.css";
import styles from "./modeling.module.css";

export type PlotMode = "line" | "histogram";

const num = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 4 });

/** Colours from the page's theme, re-read when the theme changes (uPlot draws on a canvas, not with CSS). */
function useThemeColors() {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((t) => t + 1);
    const mo = new MutationObserver(bump);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"] });
    const mq = window.matchMedia("(prefers-color-scheme: dark)");
    mq.addEventListener("change", bump);
    return () => {
      mo.disconnect();
      mq.removeEventListener("change", bump);
    };
  }, []);
  return tick;
}

function cssVar(name: string, fallback: string): string {
  if (typeof window === "undefined") return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The x and y arrays uPlot draws: a histogram's bin centres and counts, or the series over its index (or its own x). */
export function plotData(s: ScratchpadSeries, mode: PlotMode): [number[], number[]] {
  if (mode === "histogram") {
    const k = s.hist.counts.length;
    const w = (s.hist.hi - s.hist.lo) / k;
    return [s.hist.counts.map((_, i) => s.hist.lo + w * (i + 0.5)), s.hist.counts];
  }
  if (s.x) {
    const order = s.x.map((_, i) => i).sort((a, b) => s.x![a] - s.x![b]);
    return [order.map((i) => s.x![i]), order.map((i) => s.y[i])];
  }
  const n = s.y.length;
  return [s.y.map((_, i) => (n === s.n ? i : Math.round((i * (s.n - 1)) / (n - 1)))), s.y];
}

/**
 * One series of a scratchpad run, drawn with uPlot: a list of numbers as a histogram (a Monte Carlo's
 * samples) or over its index, an {"x", "y"} dict as a line. The figure's caption holds the numbers for
 * readers who cannot see the canvas.
 */
export function SeriesPlot({ series }: { series: ScratchpadSeries }) {
  const [mode, setMode] = useState<PlotMode>(series.kind === "list" && series.n >= 30 ? "histogram" : "line");
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeColors();
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || width < 50) return;
    let plot: { destroy(): void } | null = null;
    let cancelled = false;
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      const fg = cssVar("--muted", "#5d6170");
      const grid = cssVar("--border", "#d9dbe1");
      const accent = cssVar("--accent", "#3b5bdb");
      const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      const hist = mode === "histogram";
      plot = new UPlot(
        {
          width,
          height: 200,
          legend: { show: false },
          cursor: { drag: { x: true, y: false } },
          scales: { x: { time: false } },
          axes: [{ ...axis, label: hist ? series.name : series.kind === "xy" ? "x" : "index", labelSize: 18 }, { ...axis, label: hist ? "count" : series.name, labelSize: 18, size: 56 }],
          series: [
            {},
            hist
              ? { stroke: accent, fill: `${accent}55`, width: 1, paths: UPlot.paths.bars!({ size: [0.95, Infinity] }), points: { show: false } }
              : { stroke: accent, width: 1.5, points: { show: series.y.length <= 60 } },
          ],
        },
        plotData(series, mode),
        el,
      );
    });
    return () => {
      cancelled = true;
      plot?.destroy();
    };
  }, [series, mode, width, theme]);

  const st = series.stats;
  const label = `${mode === "histogram" ? "Histogram" : "Line plot"} of ${series.name}: ${series.n.toLocaleString("en-US")} values from ${num(st.min)} to ${num(st.max)}, mean ${num(st.mean)}`;
  return (
    <figure className={styles.plot} data-testid="scratchpad-plot" data-series={series.name}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong className="small mono">{series.name}</strong>
        {series.kind === "list" && (
          <div className={styles.modes} role="radiogroup" aria-label={`How to plot ${series.name}`}>
            {(["histogram", "line"] as const).map((m) => (
              <label key={m}>
                <input type="radio" name={`plot-${series.name}`} value={m} checked={mode === m} onChange={() => setMode(m)} />
                <span>{m === "histogram" ? "Histogram" : "Line"}</span>
              </label>
            ))}
          </div>
        )}
      </div>
      <div ref={box} className={styles.canvas} role="img" aria-label={label} />
      <figcaption className="muted">
        n = {series.n.toLocaleString("en-US")} · mean {num(st.mean)} (± {num(2 * st.sem)} at 95%) · median {num(st.p50)} · 5th–95th percentile {num(st.p5)}–{num(st.p95)} · sd {num(st.sd)}
      </figcaption>
    </figure>
  );
}
