import { lazy, Suspense } from 'react';
import type { ChartOption } from './EChart';

export type { ChartOption };

/**
 * ECharts is the largest part of the JavaScript (about 180 KB gzipped, more than React and Apollo
 * together): loaded apart from the page, so that a page's figures and tables are on screen while
 * its charts' code is still arriving, in a box of the chart's height (nothing jumps).
 */
const EChart = lazy(() => import('./EChart'));

export function Chart({ option, label, height = 280 }: { option: ChartOption; label: string; height?: number }) {
  return (
    <Suspense fallback={<div className="chart" role="img" aria-label={label} aria-busy="true" style={{ height }} />}>
      <EChart option={option} label={label} height={height} />
    </Suspense>
  );
}
