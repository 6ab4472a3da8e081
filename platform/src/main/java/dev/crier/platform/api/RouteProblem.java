package dev.crier.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;

/**
 * A problem answered straight from a Vert.x route, before RESTEasy and its exception mappers see the request (a body
 * over the limit, an intake that is full): encoded once, written with the status and headers the problem carries.
 */
public record RouteProblem(ProblemException problem, String json) {

    public static RouteProblem of(ProblemException problem, ObjectMapper json) throws JsonProcessingException {
        return new RouteProblem(problem, json.writeValueAsString(problem.problem()));
    }

    public void end(HttpServerResponse response) {
        response.setStatusCode(problem.problem().status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        problem.headers().forEach(response::putHeader);
        response.end(json);
    }
}
