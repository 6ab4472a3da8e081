package dev.crier.audit.api;

import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;

import java.util.List;

/** Query and path parameters read by hand, so that anything wrong is a 400 problem naming the parameter. */
final class Params {

    private Params() {
    }

    /** A required whole number of at least {@code min}. */
    static long number(String name, String value, long min) {
        if (value == null || value.isBlank()) {
            throw invalid(name, "is required");
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number, not '" + value + "'");
        }
        if (n < min) {
            throw invalid(name, "must be at least " + min);
        }
        return n;
    }

    static ProblemException invalid(String name, String message) {
        return ProblemException.invalid(name + " " + message + ".", List.of(new Problem.FieldError(name, message)));
    }
}
