package dev.crier.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.crier.events.InvalidDraftException;
import dev.crier.platform.store.StoreUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error a service answers is an {@code application/problem+json} document: 4xx name what is wrong, and a
 * 5xx carries an incident id to find in the log, never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response invalidDraft(InvalidDraftException e) {
        var errors = e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        String detail = errors.size() == 1 ? "'" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                : errors.size() + " fields are wrong; see errors.";
        return ProblemException.invalid(detail, errors).toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e) {
        LOG.warnf("answering 503: %s", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return ProblemException.unavailable("The database is unavailable; retry later.", 5).toResponse();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? pathOf(m.getPath()) : "";
        String detail = field.isEmpty() ? "The body is not valid JSON: " + e.getOriginalMessage()
                : "Field '" + field + "' has the wrong type or value.";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, "wrong type or value"));
        return respond(new Problem(ProblemException.type("invalid-request"), "The request is not valid", 400, detail, errors)).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        if (isConsolePage(headers)) {
            // A person at a console page: send them to sign in and back, rather than show a JSON problem.
            String next = uri.getRequestUri().getRawPath()
                    + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
            return Response.seeOther(UriBuilder.fromPath("/console/sign-in").queryParam("next", next).build()).build();
        }
        return respond(new Problem(ProblemException.type("unauthorized"), "Authentication required", 401,
                "Send a valid bearer token (Authorization: Bearer <JWT>).", List.of()))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem(ProblemException.type("forbidden"), "Forbidden", 403,
                "Your token does not carry a role that may do this.", List.of())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String title = type.getReasonPhrase();
        return respond(new Problem(ProblemException.type(slug(title)), title, status, detailOf(e, status), List.of())).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s: unexpected %s", incident, e.getClass().getName());
        return respond(new Problem(ProblemException.type("internal"), "Internal error", 500,
                "Something went wrong on our side; quote incident " + incident + " to the operators.", List.of())).build();
    }

    /** A browser asking for a page, not an API client with a bearer token. */
    private static boolean isConsolePage(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                && headers.getAcceptableMediaTypes().stream().anyMatch(t -> t.isCompatible(MediaType.TEXT_HTML_TYPE)
                && !t.isWildcardType());
    }

    private static String detailOf(WebApplicationException e, int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address cannot answer in the media type you asked for.";
            case 413 -> "The body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> e.getMessage();
        };
    }

    private static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static String pathOf(List<JsonMappingException.Reference> path) {
        return path.stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
