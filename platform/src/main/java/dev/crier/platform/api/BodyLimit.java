package dev.crier.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * Refuses a body announced larger than {@code crier.http.max-body-bytes} with a 413 problem before reading it.
 * Vert.x's own limit ({@code quarkus.http.limits.max-body-size}) is set higher and answers without a body, so it
 * only backstops chunked uploads far over the limit; resources check the length of a chunked body they read.
 */
@Singleton
public class BodyLimit {

    private final long maxBytes;
    private final RouteProblem overLimit;

    public BodyLimit(@ConfigProperty(name = "crier.http.max-body-bytes", defaultValue = "1048576") long maxBytes,
                     ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = maxBytes;
        this.overLimit = RouteProblem.of(tooLarge(maxBytes), json);
    }

    public static ProblemException tooLarge(long maxBytes) {
        return ProblemException.of(413, "too-large", "Payload too large",
                "The body is larger than " + maxBytes + " bytes.");
    }

    public long maxBytes() {
        return maxBytes;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && isOver(length)) {
                overLimit.end(ctx.response().putHeader("Connection", "close"));
            } else {
                ctx.next();
            }
        });
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

}
