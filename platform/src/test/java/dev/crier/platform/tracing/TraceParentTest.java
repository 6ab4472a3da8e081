package dev.crier.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentTest {

    // The example of the W3C Trace Context recommendation, section 3.2.
    static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aSavedTraceParentIsRestoredAsTheSameSpanContext() {
        Context restored = TraceParent.restore(SAMPLED);

        var span = Span.fromContext(restored).getSpanContext();
        assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.isSampled()).isTrue();
        assertThat(span.isRemote()).isTrue();
        assertThat(TraceParent.of(restored)).isEqualTo(SAMPLED);
    }

    @Test
    void theCurrentTraceParentIsTheOneMadeCurrent() {
        assertThat(TraceParent.current()).as("outside any trace").isNull();
        try (Scope ignored = TraceParent.restore(SAMPLED).makeCurrent()) {
            assertThat(TraceParent.current()).isEqualTo(SAMPLED);
        }
    }

    @Test
    void nothingOrSomethingMalformedStartsNoTrace() {
        assertThat(TraceParent.of(TraceParent.restore(null))).isNull();
        assertThat(TraceParent.of(TraceParent.restore("00-not-a-trace-01"))).isNull();
        // An all-zero trace id is invalid by the recommendation.
        assertThat(TraceParent.of(TraceParent.restore("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))).isNull();
    }
}
