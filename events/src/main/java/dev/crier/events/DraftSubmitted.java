package dev.crier.events;

import java.time.Instant;

/**
 * On drafts.submitted: ingest accepted a draft from an upstream system.
 *
 * @param submittedBy       the subject of the token that submitted it (never a body field): the review rules keep
 *                          this submitter from approving it
 * @param submittedByClient the OAuth client the token was issued to ({@code azp} or {@code client_id}), or null
 */
public record DraftSubmitted(String postId, Draft draft, String submittedBy, String submittedByClient, Instant submittedAt)
        implements PostEvent {
}
