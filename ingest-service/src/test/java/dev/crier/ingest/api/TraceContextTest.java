package dev.crier.ingest.api;

import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The W3C trace context of a submission: the client's trace goes on in the drafts.submitted record (written to
 * the outbox in a transaction other requests share, and sent by the relay), and the spans stay in the service
 * while no OTLP endpoint is configured.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class TraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String DRAFT = """
            {"text": "Passport offices open Saturday.", "translations": {"fr": "Les bureaux ouvrent samedi."},
             "platforms": ["sandbox"], "author": {"id": "u-trace", "department": "HC"}}""";

    final TopicReader topics = new TopicReader(CrierTestResource.infra().kafka());

    @Test
    void theDraftSubmittedRecordGoesOnInTheTraceOfThePost() {
        String id = submit("00-" + TRACE_ID + "-00f067aa0ba902b7-01");

        var record = topics.readPost(Topics.DRAFTS_SUBMITTED, id, 1, Duration.ofSeconds(10)).get(0);
        String traceParent = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        // The producer's span is a child of the request's, itself a child of the client's: same trace, new span.
        assertThat(traceParent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void aPostWithoutTraceContextStartsItsOwnTrace() {
        String id = submit(null);

        var record = topics.readPost(Topics.DRAFTS_SUBMITTED, id, 1, Duration.ofSeconds(10)).get(0);
        String traceParent = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceParent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain(TRACE_ID);
    }

    @Test
    void noSpanLeavesTheServiceWhileNoOtlpEndpointIsSet() throws IOException {
        // Quarkus's own default is an exporter sending to localhost:4317: listen there and see nothing come.
        ServerSocket collector;
        try {
            collector = new ServerSocket(4317);
        } catch (IOException busy) {
            assumeTrue(false, "port 4317 is taken on this machine: " + busy.getMessage());
            return;
        }
        try (collector) {
            collector.setSoTimeout(3000);
            submit("00-" + TRACE_ID + "-00f067aa0ba902b7-01");
            // The batch span processor exports every 200 ms in tests (quarkus.otel.bsp.schedule.delay).
            assertThatThrownBy(collector::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    static String submit(String traceParent) {
        var request = given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON);
        if (traceParent != null) {
            request = request.header("traceparent", traceParent);
        }
        return request.body(DRAFT).post("/v1/drafts").then().statusCode(202).extract().path("id");
    }
}
