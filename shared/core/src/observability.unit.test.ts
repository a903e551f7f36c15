import { BoundedLabels } from './metrics';
import { startTracing, tracingConfigured } from './tracing';

// Loading the SDK when tracing is off is the failure this file guards against: the mock throws.
jest.mock('@opentelemetry/sdk-node', () => {
  throw new Error('the OpenTelemetry SDK was loaded with tracing off');
});

describe('tracing configuration (standard OTEL_* variables)', () => {
  it.each([
    [{}, false],
    [{ OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none,otlp' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
  ])('%j: on = %s', (env, on) => {
    expect(tracingConfigured(env)).toBe(on);
  });

  it('off: starts nothing and loads no SDK or instrumentation', () => {
    expect(startTracing('gateway', {})).toBeNull();
    expect(startTracing('gateway', { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBeNull();
  });
});

describe('bounded metric labels', () => {
  it('keeps the first distinct values, counts later ones as other, and keeps known ones', () => {
    const labels = new BoundedLabels(2);
    expect(['Dossier', 'Page', 'Dossier'].map((v) => labels.label(v))).toEqual(['Dossier', 'Page', 'Dossier']);
    expect(labels.label('Invented1')).toBe('other');
    expect(labels.label('Invented2')).toBe('other');
    expect(labels.label('Page')).toBe('Page');
  });
});
