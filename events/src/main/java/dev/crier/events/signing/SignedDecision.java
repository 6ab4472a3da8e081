package dev.crier.events.signing;

import dev.crier.events.Draft;
import dev.crier.events.PostDecided;
import dev.crier.events.Review;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical bytes a decision's Ed25519 signature is made over (version 1). Written out so that an auditor can
 * re-implement it from this comment alone.
 *
 * <p>Encoding. {@code str(s)}: the UTF-8 bytes of {@code s} preceded by their length as a 4-byte big-endian unsigned
 * integer; an absent value (null) is the 4 bytes {@code FF FF FF FF} and nothing else. {@code count(n)}: n as a
 * 4-byte big-endian integer. {@code time(t)}: {@code str} of the instant as {@code <epoch seconds>.<nanoseconds as 9
 * digits>}, e.g. {@code 1893488400.000000000} for 2030-01-01T09:00:00Z; absent is {@code str(null)}.
 *
 * <p>Content: what publish-service makes of the decision, hashed on its own as {@code contentSha256 =
 * SHA-256(content)}:
 * <pre>
 * str("crier/signed-content/v1")
 * count(number of versions), then per version in ascending order of language code: str(language) str(text)
 *     (the versions are the draft's text under its language, and each translation under its language)
 * count(number of media), then per medium in the draft's order: str(url) str(altText) str(mimeType)
 * count(number of platforms), then per platform in the draft's order: str(platform)
 * time(publishAt)
 * str(author.id) str(author.department)      (each absent when the draft has no author)
 * </pre>
 *
 * <p>Decision, the signed message:
 * <pre>
 * str("crier/decision/v1")
 * str(postId) str(decision: APPROVED | NEEDS_REVIEW | REJECTED) str(policy.hash) time(decidedAt)
 * 0x00 for an automatic decision; or 0x01 then str(review.reviewer) str(review.role) time(review.reviewedAt)
 *     count(number of approvers), then per approver in order: str(approver)
 * the 32 bytes of contentSha256
 * </pre>
 * The signature is PureEdDSA Ed25519 (RFC 8032) over those bytes, carried base64 (RFC 4648, padded) in
 * {@code signature.value} with the key's id in {@code signature.keyId}. Findings, the risk score, the review's reason
 * and the draft's category, repostOf and externalId are not signed: they change nothing that is published.
 */
public final class SignedDecision {

    static final String CONTENT_V1 = "crier/signed-content/v1";
    static final String DECISION_V1 = "crier/decision/v1";

    private SignedDecision() {
    }

    /** The message to sign or verify: the decision's canonical bytes, ending with its content's SHA-256. */
    public static byte[] canonicalBytes(PostDecided d) {
        var out = new Canonical();
        out.str(DECISION_V1).str(d.postId()).str(d.decision().name()).str(d.policy().hash()).time(d.decidedAt());
        Review review = d.review();
        if (review == null) {
            out.raw(new byte[] {0});
        } else {
            out.raw(new byte[] {1}).str(review.reviewer()).str(review.role()).time(review.reviewedAt())
                    .strings(review.approvers());
        }
        return out.raw(contentSha256(d.draft())).bytes();
    }

    /** SHA-256 of the content's canonical bytes: exactly what publish would publish. */
    public static byte[] contentSha256(Draft draft) {
        return sha256(contentBytes(draft));
    }

    static byte[] contentBytes(Draft draft) {
        var out = new Canonical().str(CONTENT_V1);
        Map<String, String> versions = new TreeMap<>(draft.versions());
        out.count(versions.size());
        versions.forEach((language, text) -> out.str(language).str(text));
        out.count(draft.media().size());
        draft.media().forEach(m -> out.str(m.url()).str(m.altText()).str(m.mimeType()));
        out.strings(draft.platforms()).time(draft.publishAt());
        Draft.Author author = draft.author();
        return out.str(author == null ? null : author.id()).str(author == null ? null : author.department()).bytes();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The encoder of the grammar above. */
    private static final class Canonical {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        Canonical str(String s) {
            if (s == null) {
                return count(-1);
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return count(utf8.length).raw(utf8);
        }

        Canonical time(Instant t) {
            return str(t == null ? null : t.getEpochSecond() + "." + String.format("%09d", t.getNano()));
        }

        Canonical strings(List<String> items) {
            count(items.size());
            items.forEach(this::str);
            return this;
        }

        Canonical count(int n) {
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            return this;
        }

        Canonical raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
