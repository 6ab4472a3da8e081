package dev.crier.ingest.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who submits a draft, as its token says (never the body): the token's subject, the client it was issued to, and the
 * departments it may submit for. The department a draft names picks whose official accounts publish it, so a
 * submitter may name only one of its own.
 *
 * @param clientId    the token's {@code azp} or {@code client_id}, or null
 * @param departments the departments the token names; empty when it names none
 */
public record Submitter(String subject, String clientId, Set<String> departments) {

    public Submitter {
        departments = departments.stream().map(Submitter::normal).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Why this submitter may not submit a draft for {@code department} (null: the draft names none); empty when it
     * may. Departments are compared without regard to case or surrounding spaces, as the account registry finds them.
     * A draft without a department publishes nowhere, so only a token that names no department may send one.
     */
    public Optional<String> refusalFor(String department) {
        if (department == null || department.isBlank()) {
            return departments.isEmpty() ? Optional.empty()
                    : Optional.of("The draft names no author.department; this token submits for " + listed() + ".");
        }
        if (departments.contains(normal(department))) {
            return Optional.empty();
        }
        return Optional.of("This token may not submit for department " + department.strip() + "; "
                + (departments.isEmpty() ? "it names no department." : "it submits for " + listed() + "."));
    }

    private String listed() {
        return departments.stream().sorted().collect(Collectors.joining(", "));
    }

    private static String normal(String department) {
        return department.strip().toUpperCase(Locale.ROOT);
    }
}
