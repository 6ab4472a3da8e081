package dev.crier.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.ingest.config.IntakeSettings;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.api.RouteProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the submissions ingest holds at once ({@link IntakeSettings#maxInFlight()}): counted on the event loop from
 * the request's headers to the end of its answer, before a body is read or a worker thread taken; past the bound, a
 * 503 problem with Retry-After, which a submitter retries with the same Idempotency-Key. So an overload costs
 * submitters a retry instead of costing ingest its memory.
 */
@Singleton
public class IntakeLimit {

    private static final Logger LOG = Logger.getLogger(IntakeLimit.class);
    static final int RETRY_AFTER_SECONDS = 1;

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RouteProblem busy;
    private final Counter refused;

    public IntakeLimit(IntakeSettings settings, ObjectMapper json, MeterRegistry metrics) throws JsonProcessingException {
        this.max = settings.maxInFlight();
        this.busy = RouteProblem.of(busy(), json);
        this.refused = Counter.builder("crier.ingest.refused.busy")
                .description("Submissions answered 503 because ingest held as many as it takes at once").register(metrics);
    }

    static ProblemException busy() {
        return ProblemException.unavailable("Crier is taking in as many drafts as it can at the moment; retry after "
                + RETRY_AFTER_SECONDS + " s with the same Idempotency-Key.", RETRY_AFTER_SECONDS);
    }

    void install(@Observes Router router) {
        router.post("/v1/drafts").order(Integer.MIN_VALUE + 1).handler(this::admit);
    }

    private void admit(RoutingContext ctx) {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            refused.increment();
            LOG.debugf("refused a submission: %d in flight", max);
            busy.end(ctx.response());
            return;
        }
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        ctx.next();
    }
}
