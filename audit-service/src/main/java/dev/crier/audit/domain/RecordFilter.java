package dev.crier.audit.domain;

import java.time.Instant;

/**
 * What an auditor asks for: records received in [from, to), of a CloudEvents type, by an author or department, with
 * a decision, a finding of a rule, or naming a platform. Null means any.
 */
public record RecordFilter(Instant from, Instant to, String type, String author, String department, String decision,
                           String rule, String platform) {

    public static final RecordFilter ANY = new RecordFilter(null, null, null, null, null, null, null, null);
}
