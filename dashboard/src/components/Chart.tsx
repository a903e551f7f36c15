import { lazy, Suspense, useEffect, useState } from 'react';
import type { ChartOption } from './EChart';

export type { ChartOption };

/**
 * ECharts is the largest part of the JavaScript (about 180 KB gzipped, more than React and Apollo
 * together): loaded apart from the page, and asked for only once the page's figures and tables
 * have been painted, so that neither parsing it nor drawing the charts delays them (the chart
 * appears in a box of its height, reserved from the start: nothing jumps).
 */
const EChart = lazy(() => import('./EChart'));

/** Calls back once the next frame is on screen: rAF runs just before a frame, a task queued there after it. */
function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

export function Chart({ option, label, height = 280 }: { option: ChartOption; label: string; height?: number }) {
  const [painted, setPainted] = useState(false);
  useEffect(() => afterNextPaint(() => setPainted(true)), []);
  const box = <div className="chart" role="img" aria-label={label} aria-busy="true" style={{ height }} />;
  if (!painted) return box;
  return (
    <Suspense fallback={box}>
      <EChart option={option} label={label} height={height} />
    </Suspense>
  );
}
