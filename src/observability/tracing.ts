import type { TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Registers an OpenTelemetry tracer provider exporting over OTLP/HTTP. The exporter reads the
 * standard OTEL_* variables (endpoint, headers, service name, ...) itself.
 */
export function startTracing(): { provider: TracerProvider; shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  return { provider, shutdown: () => provider.shutdown() };
}
