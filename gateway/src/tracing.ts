// Imported first by index.ts: the instrumentations must patch http, pg and graphql before they load.
import { startTracing } from '@cadres/core/tracing';

startTracing('gateway');
