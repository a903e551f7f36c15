import { lazy } from 'react';

/**
 * Each page is a chunk of its own (code splitting): a first view downloads and parses React, Apollo
 * and the one page it shows, and ECharts only on the pages that draw charts. The chunk of the page
 * in the address bar is asked for as this module loads, beside the configuration and the session,
 * not after them (`preloadPage` in main.tsx).
 */
const loaders = {
  overview: () => import('../pages/OverviewPage'),
  training: () => import('../pages/TrainingPage'),
  planning: () => import('../pages/PlanningPage'),
  dossiers: () => import('../pages/DossierPages'),
  import: () => import('../pages/ImportPage'),
};

export const OverviewPage = lazy(() => loaders.overview().then((m) => ({ default: m.OverviewPage })));
export const TrainingPage = lazy(() => loaders.training().then((m) => ({ default: m.TrainingPage })));
export const PlanningPage = lazy(() => loaders.planning().then((m) => ({ default: m.PlanningPage })));
export const DossierSearchPage = lazy(() => loaders.dossiers().then((m) => ({ default: m.DossierSearchPage })));
export const DossierPage = lazy(() => loaders.dossiers().then((m) => ({ default: m.DossierPage })));
export const ImportPage = lazy(() => loaders.import().then((m) => ({ default: m.ImportPage })));

/** Starts loading the chunk of the page at `path` (under /dashboard); the lazy component then finds it fetched. */
export function preloadPage(path: string): void {
  const page = path.replace(/^\/dashboard\/?/, '').split('/')[0] || 'overview';
  if (Object.hasOwn(loaders, page)) void loaders[page as keyof typeof loaders]();
}
