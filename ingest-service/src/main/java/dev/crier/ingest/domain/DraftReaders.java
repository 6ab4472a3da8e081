package dev.crier.ingest.domain;

import java.util.Set;

/**
 * Who may read a draft's status, by named roles only (never by how many groups a token carries): reviewers,
 * comms-heads, auditors and ops see every draft, for they review, audit or run the pipeline; a submitter sees only the
 * drafts its own subject submitted.
 */
public final class DraftReaders {

    static final Set<String> READ_ALL = Set.of("reviewer", "comms-head", "auditor", "ops");

    private DraftReaders() {
    }

    /**
     * @param roles       the caller's Crier roles
     * @param subject     the caller's subject
     * @param submittedBy the subject that submitted the draft
     */
    public static boolean mayRead(Set<String> roles, String subject, String submittedBy) {
        if (roles.stream().anyMatch(READ_ALL::contains)) {
            return true;
        }
        return roles.contains("submitter") && subject != null && subject.equals(submittedBy);
    }
}
