import { useOpenTelemetry } from '@envelop/opentelemetry';
import type { TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

// Loaded only when tracing is on (with its SDK and exporter): a gateway that exports no traces
// does not hold this code in memory. Upstream call spans go through @opentelemetry/api alone.

export type OperationSpans = ReturnType<typeof useOpenTelemetry>;

/** The operation span of each request, parent of its upstream call spans; no resolver spans. */
export function operationSpans(provider: TracerProvider): OperationSpans {
  return useOpenTelemetry({ resolvers: false, variables: false, result: false, document: false }, provider);
}

/**
 * Registers an OpenTelemetry tracer provider exporting over OTLP/HTTP. The exporter reads the
 * standard OTEL_* variables (endpoint, headers, service name, ...) itself.
 */
export function startTracing(): { plugin: OperationSpans; shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  return { plugin: operationSpans(provider), shutdown: () => provider.shutdown() };
}
