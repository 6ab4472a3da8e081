package dev.crier.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.HashMap;
import java.util.Map;

/**
 * A trace's place kept as a W3C {@code traceparent} string, for work that waits in a table before it goes on (the
 * outbox, the publish ledger): the context is saved with the row in the transaction that writes it and restored by
 * whoever takes the row up later, on another thread or after a restart, so that one draft stays one trace from the
 * POST to the platform call.
 */
public final class TraceParent {

    private static final String HEADER = "traceparent";
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /** The current span's traceparent, or null outside any trace. */
    public static String current() {
        return of(Context.current());
    }

    /** The context's traceparent, or null when it holds no valid span. */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context a saved traceparent names; the root context (a new trace) for null or a malformed value. */
    public static Context restore(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceParent), FROM_MAP);
    }

    /**
     * The context an incoming record was received in (the Kafka connector's receive span, a child of the sender's),
     * or the root context when the record carried none.
     */
    public static Context receivedIn(Message<?> record) {
        return TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext).orElse(Context.root());
    }
}
