package dev.crier.events;

import java.time.Instant;

/**
 * On posts.publish-refused: publish-service refused an approval whose signature did not verify, so nothing was
 * published; the record went to posts.approved.dlq. For ops: someone may have forged or altered an approval.
 *
 * @param status          {@code UNSIGNED}, {@code UNKNOWN_KEY} or {@code FAILED}
 * @param keyId           the key the approval named; null when unsigned
 * @param approvalEventId the ce_id of the refused posts.approved record
 */
public record PublishRefused(String postId, String status, String keyId, String reason, String approvalEventId,
                             Instant refusedAt) implements PostEvent {
}
