package dev.crier.platform.api;

import java.util.List;
import java.util.Map;

/** Thrown anywhere in a request to answer with a problem; {@link ProblemMappers} turns it into the response. */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException of(int status, String slug, String title, String detail) {
        return new ProblemException(new Problem(type(slug), title, status, detail, List.of()), Map.of());
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(new Problem(type("invalid-request"), "The request is not valid", 400, detail, errors),
                Map.of());
    }

    public static ProblemException notFound(String what) {
        return of(404, "not-found", "Not found", what);
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(new Problem(type("unavailable"), "Service unavailable", 503, detail, List.of()),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public static String type(String slug) {
        return "https://crier.dev/problems/" + slug;
    }

    /** The response this problem answers with: its status, its headers, and the problem as JSON. */
    public jakarta.ws.rs.core.Response toResponse() {
        var response = jakarta.ws.rs.core.Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
