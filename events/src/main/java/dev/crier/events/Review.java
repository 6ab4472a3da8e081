package dev.crier.events;

import java.time.Instant;
import java.util.List;

/**
 * A person's judgement of a draft that was in review, carried by the posts.approved or posts.rejected event that it
 * led to. {@code approvers} lists everyone whose approval counted (two people for categories that need two).
 */
public record Review(String reviewer, String role, String reason, Instant reviewedAt, List<String> approvers) {

    public Review {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}
