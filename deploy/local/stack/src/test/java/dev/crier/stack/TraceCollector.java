package dev.crier.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * What an OpenTelemetry collector would receive from the services: an OTLP/HTTP endpoint ({@code POST /v1/traces},
 * protobuf) that keeps the spans of the traces a test watches (the shared stack's other tests send thousands of
 * drafts, whose spans are dropped).
 */
final class TraceCollector implements AutoCloseable {

    /** A span as exported: ids in hex, the empty string for a root span's parent; links as trace id:span id. */
    record CollectedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                         Map<String, String> attributes, List<String> links) {
    }

    private final HttpServer server;
    private final Map<String, List<CollectedSpan>> byTrace = new ConcurrentHashMap<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();


    private TraceCollector(HttpServer server) {
        this.server = server;
    }

    static TraceCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TraceCollector collector = new TraceCollector(server);
            server.createContext("/", collector::receive);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to give a service's OTLP exporter. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Keeps the trace's spans from now on. */
    void watch(String traceId) {
        byTrace.putIfAbsent(traceId, new CopyOnWriteArrayList<>());
    }

    /** How many exports came, and why those the collector could not read were refused (for a failure message). */
    String received() {
        return requests.get() + " export(s), refused: " + refused;
    }

    /** Every span of a watched trace received so far. */
    List<CollectedSpan> trace(String traceId) {
        return List.copyOf(byTrace.getOrDefault(traceId, List.of()));
    }

    private void receive(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange; InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException | RuntimeException | LinkageError e) {
                refused.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            request.getResourceSpansList().forEach(this::keep);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private void keep(ResourceSpans resourceSpans) {
        String service = text(resourceSpans.getResource().getAttributesList()).getOrDefault("service.name", "");
        HexFormat hex = HexFormat.of();
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
            scope.getSpansList().forEach(span -> {
                String traceId = hex.formatHex(span.getTraceId().toByteArray());
                List<CollectedSpan> watched = byTrace.get(traceId);
                if (watched == null) {
                    return;
                }
                watched.add(new CollectedSpan(service,
                        traceId, hex.formatHex(span.getSpanId().toByteArray()),
                        hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                        text(span.getAttributesList()), span.getLinksList().stream()
                        .map(l -> hex.formatHex(l.getTraceId().toByteArray()) + ":" + hex.formatHex(l.getSpanId().toByteArray()))
                        .toList()));
            });
        }
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, a -> a.getValue().hasStringValue()
                ? a.getValue().getStringValue() : a.getValue().toString().strip(), (a, b) -> b));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
