/**
 * OpenTelemetry tracing for every service: off unless configured, configured by the standard
 * `OTEL_*` variables. Each service's entry point imports its `tracing.ts` (two lines calling
 * `startTracing`) before anything else, because the instrumentations patch `http`, `pg` and
 * `graphql` as they are required: a module loaded earlier would keep its unpatched functions.
 *
 * This file imports nothing but types at the top: with tracing off, no SDK or instrumentation is
 * ever loaded and no module is patched, so a request costs exactly what it did without tracing (the
 * few `@opentelemetry/api` calls in the services find no provider and do nothing).
 */
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { Sampler } from '@opentelemetry/sdk-trace';
import type { IncomingMessage } from 'node:http';

/**
 * Tracing is on when an exporter is named (`OTEL_TRACES_EXPORTER`, anything but `none`) or an OTLP
 * endpoint is given (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), and
 * `OTEL_SDK_DISABLED` is not `true`. The specification's default exporter (otlp, to localhost) would
 * otherwise send every span to a collector that is usually not there.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (exporters.length) return exporters.some((name) => name !== 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Probes and scrapes make no traces: a supervisor polling every few seconds would drown the real ones. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/**
 * Starts the SDK for `service` (the `service.name` resource, unless `OTEL_SERVICE_NAME` says
 * otherwise) when tracing is configured; returns it (or null) so a test may flush it.
 *
 * - Sampling: `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` (default parentbased_always_on: a
 *   subgraph follows the gateway's decision, the gateway a client's `traceparent` when sent).
 * - Export: `OTEL_TRACES_EXPORTER` (otlp, console), `OTEL_EXPORTER_OTLP_ENDPOINT`,
 *   `OTEL_EXPORTER_OTLP_PROTOCOL` (http/protobuf by default, http/json, grpc), headers, timeouts.
 * - Propagation: `OTEL_PROPAGATORS` (default tracecontext,baggage: W3C `traceparent`).
 * - Spans: HTTP server and client (node:http: the gateway's subgraph calls), fetch (a subgraph
 *   asking another for a rule check), GraphQL parse/validate/execute and resolvers (list items
 *   merged, trivial property reads left out), and every SQL statement with its text but never its
 *   parameters (classified personal data), only inside a request (no startup or listener noise).
 *
 * Metrics and logs stay with prom-client (`/metrics`) and pino (stdout): the SDK exports neither.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): NodeSDK | null {
  if (!tracingConfigured(env)) return null;
  // Required here, not imported above, so that a process without tracing never loads them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // OTEL_NODE_DISABLED_INSTRUMENTATIONS (as auto-instrumentations-node reads it): e.g. `graphql`
  // leaves out the resolver spans, most of what tracing costs.
  const disabled = new Set(
    (env.OTEL_NODE_DISABLED_INSTRUMENTATIONS ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
  const available: Record<string, () => Instrumentation> = {
    http: () =>
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
        // The gateway's /health asks every subgraph; those calls are probes too.
        ignoreOutgoingRequestHook: (options) =>
          UNTRACED_PATHS.test(typeof options.path === 'string' ? options.path : ''),
      }),
    undici: () => new UndiciInstrumentation({ ignoreRequestHook: (request) => UNTRACED_PATHS.test(request.path) }),
    pg: () => new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    graphql: () => new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
  };
  const instrumentations = Object.entries(available)
    .filter(([name]) => !disabled.has(name))
    .map(([, create]) => create());
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || service,
    sampler: requestsOnly(samplerFromEnv(env)),
    instrumentations,
    // prom-client serves the metrics and pino writes the logs: nothing else is exported.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  running = sdk;
  return sdk;
}

let running: NodeSDK | null = null;

/**
 * The sampler `OTEL_TRACES_SAMPLER` (and `OTEL_TRACES_SAMPLER_ARG`, a ratio) names, as the
 * specification lists them; parentbased_always_on when unset or unknown.
 */
function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  // The SDK's own package since OpenTelemetry JS 3 (sdk-node no longer re-exports it as `tracing`).
  const { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  const argument = Number(env.OTEL_TRACES_SAMPLER_ARG);
  const ratio = () =>
    new TraceIdRatioBasedSampler(Number.isFinite(argument) && argument >= 0 && argument <= 1 ? argument : 1);
  switch (env.OTEL_TRACES_SAMPLER?.trim()) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/** SpanKind.SERVER (the enum is in @opentelemetry/api, kept out of the top-level imports). */
const SERVER_KIND = 1 as SpanKind;

/**
 * A trace starts where a request arrives: a span with no parent is recorded only when it is a
 * server span. Outside requests the services parse federation key sets, connect pools and ask each
 * other for data at startup (planning reads the cadres it plans); as roots of their own those
 * would be hundreds of one-span traces at every start.
 */
function requestsOnly(sampler: Sampler): Sampler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { trace } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  return {
    shouldSample(
      context: Context,
      traceId: string,
      name: string,
      kind: SpanKind,
      attributes: Attributes,
      links: Link[],
    ) {
      if (kind !== SERVER_KIND && !trace.getSpanContext(context)) return { decision: 0 /* NOT_RECORD */ };
      return sampler.shouldSample(context, traceId, name, kind, attributes, links);
    },
    toString: () => `RequestsOnly{${sampler.toString()}}`,
  };
}

/** Sends the spans still batched (`stopOnSignals` calls it before the process exits); nothing when off. */
export async function stopTracing(): Promise<void> {
  const sdk = running;
  running = null;
  await sdk?.shutdown().catch(() => undefined);
}
