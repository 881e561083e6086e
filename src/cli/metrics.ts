import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type PrometheusContentType,
  Registry,
} from 'prom-client';
import type { RequestRecord } from '../gateway/observe';
import { failureKind } from './logging';

export type GatewayMetrics = {
  readonly registry: Registry;
  started(upload: boolean): void;
  ended(record: RequestRecord, upload: boolean): void;
};

/** The gateway's Prometheus metrics, in a registry of its own, plus Node's default process metrics. */
export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'oss_preflight_requests_total',
    help: 'Requests by OSS operation, outcome (forwarded, rejected, upstream-failure, client-abort, internal-error) and the OSS error code the client saw.',
    labelNames: ['operation', 'outcome', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'oss_preflight_request_duration_seconds',
    help: 'Time from the request head to the end of the answer.',
    labelNames: ['operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    registers: [registry],
  });
  const bytesIn = new Counter({
    name: 'oss_preflight_received_bytes_total',
    help: 'Bytes read from clients (request heads and bodies).',
    labelNames: ['operation'],
    registers: [registry],
  });
  const bytesOut = new Counter({
    name: 'oss_preflight_sent_bytes_total',
    help: 'Bytes written to clients (response heads and bodies).',
    labelNames: ['operation'],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'oss_preflight_requests_in_flight',
    help: 'Requests being handled.',
    registers: [registry],
  });
  const uploadsInFlight = new Gauge({
    name: 'oss_preflight_uploads_in_flight',
    help: 'Requests with a body being handled.',
    registers: [registry],
  });
  const upstreamErrors = new Counter({
    name: 'oss_preflight_upstream_errors_total',
    help: 'Upstream exchanges that failed, by kind (connect-timeout, response-timeout, or the error code such as ECONNREFUSED).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const limitDecisions = new Counter({
    name: 'oss_preflight_limit_decisions_total',
    help: 'Requests the rate limits refused, throttled, or could not check (store-error-open: let through; store-error-closed: refused), by limit name.',
    labelNames: ['limit', 'decision'],
    registers: [registry],
  });
  return {
    registry,
    started(upload) {
      inFlight.inc();
      if (upload) uploadsInFlight.inc();
    },
    ended(record, upload) {
      inFlight.dec();
      if (upload) uploadsInFlight.dec();
      const operation = record.operation ?? 'unknown';
      requests.inc({ operation, outcome: record.outcome, code: record.code ?? '' });
      duration.observe({ operation, outcome: record.outcome }, record.durationMs / 1000);
      bytesIn.inc({ operation }, record.bytesIn);
      bytesOut.inc({ operation }, record.bytesOut);
      if (record.outcome === 'upstream-failure') upstreamErrors.inc({ kind: failureKind(record.detail) });
      const limit = record.limit;
      if (limit !== undefined) {
        const decision =
          limit.decision === 'store-error'
            ? `store-error-${limit.failOpen ? 'open' : 'closed'}`
            : limit.decision;
        limitDecisions.inc({ limit: limit.limit, decision });
      }
    },
  };
}

/** In a cluster worker: lets the primary collect this registry for aggregation. */
export function shareWithPrimary(registry: Registry): void {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** In the primary: the metrics of every worker, summed (prom-client's cluster aggregation). */
export function clusterAggregator(): AggregatorRegistry<PrometheusContentType> {
  return new AggregatorRegistry();
}
