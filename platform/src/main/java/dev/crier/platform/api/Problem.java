package dev.crier.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail}, plus the fields that were wrong
 * (an extension member) so that a client can show each error next to its field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One wrong field, named by its JSON path (for example {@code platforms[1]} or {@code author.id}). */
    public record FieldError(String field, String message) {
    }
}
