package dev.crier.events.signing;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.Review;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical bytes and signature against a vector made outside this code: the bytes by a separate Python
 * implementation of the grammar in {@link SignedDecision}'s comment, the signature by
 * {@code openssl pkeyutl -sign -inkey key.pem -rawin -in msg.bin} with the key below (made by
 * {@code openssl genpkey -algorithm ed25519}). Ed25519 is deterministic, so the signature is fixed too.
 */
class SignedDecisionTest {

    static final String PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIKG7huX8I/UjPMu07ouVCaVcg43c5cdyXp8Tl9/vbN+x
            -----END PRIVATE KEY-----
            """;
    static final String PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAnCA7pOlPxRwPSJG1SI85whRqagMHfgVa5RMy29xnPZs=
            -----END PUBLIC KEY-----
            """;
    static final String CONTENT_SHA256 = "810652d9c6b04630ea94497403d693711ff33a3a699ba4699077379c58d82317";
    static final String MESSAGE = "0000001163726965722f6465636973696f6e2f76310000002436663163326134342d386435652d3462"
            + "37612d396333652d32663064316235613765393000000008415050524f56454400000040616261626162616261626162616261626"
            + "16261626162616261626162616261626162616261626162616261626162616261626162616261626162616261626162000000143"
            + "13839333438383430302e303030303030303030010000000e6c6f63616c2d726576696577657200000008726576696577657200"
            + "000014313839333438383730302e313233343536373839000000010000000e6c6f63616c2d7265766965776572810652d9c6b046"
            + "30ea94497403d693711ff33a3a699ba4699077379c58d82317";
    static final String SIGNATURE = "hD40+LTxyYsstMFSDrShK2oHp+C67HIL6wiggID3nNdzsNmZpu9dodR4HVMl4vuHeaj1XSmp42znduo4XBTzAg==";

    static PostDecided vectorDecision() {
        var draft = new Draft("Flu clinics open Monday. Été!", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
                List.of("sandbox", "mastodon"), List.of(new Draft.Media("https://canada.ca/a.png", "A clinic", "image/png")),
                new Draft.Author("u-1", "Pat", "HC"), "health", Instant.parse("2030-01-02T14:00:00Z"), null, "cms-1");
        var review = new Review("local-reviewer", "reviewer", "fine", Instant.parse("2030-01-01T09:05:00.123456789Z"),
                List.of("local-reviewer"));
        return new PostDecided("6f1c2a44-8d5e-4b7a-9c3e-2f0d1b5a7e90", Decision.APPROVED, 10, List.of(), List.of(),
                new PolicyRef("canada-federal", "1", "ab".repeat(32)), Instant.parse("2030-01-01T09:00:00Z"), draft, review);
    }

    @Test
    void canonicalBytesAndSignatureMatchTheIndependentVector() {
        PostDecided decided = vectorDecision();
        assertThat(HexFormat.of().formatHex(SignedDecision.contentSha256(decided.draft()))).isEqualTo(CONTENT_SHA256);
        assertThat(HexFormat.of().formatHex(SignedDecision.canonicalBytes(decided))).isEqualTo(MESSAGE);

        PostDecided signed = DecisionSigner.fromPem("policy-2030", PRIVATE_KEY).sign(decided);
        assertThat(signed.signature().keyId()).isEqualTo("policy-2030");
        assertThat(signed.signature().value()).isEqualTo(SIGNATURE);
        assertThat(new TrustedKeys(Map.of("policy-2030", Pem.publicKey(PUBLIC_KEY))).verify(signed).status())
                .isEqualTo(Verification.Status.VERIFIED);
    }

    @Test
    void whatIsNotPublishedIsNotSignedButEverythingPublishedIs() {
        PostDecided d = vectorDecision();
        byte[] base = SignedDecision.canonicalBytes(d);
        // Not signed: findings' risk score, the review's reason, category, repostOf, externalId, the author's name.
        var sameContent = new Draft(d.draft().text(), d.draft().language(), d.draft().translations(), d.draft().platforms(),
                d.draft().media(), new Draft.Author("u-1", "Someone else", "HC"), "other", d.draft().publishAt(), "x", "y");
        assertThat(SignedDecision.canonicalBytes(new PostDecided(d.postId(), d.decision(), 99, d.findings(), d.shadowFindings(),
                d.policy(), d.decidedAt(), sameContent, new Review("local-reviewer", "reviewer", "other reason",
                d.review().reviewedAt(), d.review().approvers())))).isEqualTo(base);
        // The same versions declared the other way round are the same content.
        var swapped = new Draft("Les cliniques ouvrent lundi.", "fr", Map.of("en", "Flu clinics open Monday. Été!"),
                d.draft().platforms(), d.draft().media(), d.draft().author(), null, d.draft().publishAt(), null, null);
        assertThat(SignedDecision.contentSha256(swapped)).isEqualTo(SignedDecision.contentSha256(d.draft()));

        for (Draft changed : List.of(
                withText(d.draft(), "Flu clinics open Tuesday. Été!"),
                new Draft(d.draft().text(), "en", Map.of(), d.draft().platforms(), d.draft().media(), d.draft().author(), null, d.draft().publishAt(), null, null),
                new Draft(d.draft().text(), "en", d.draft().translations(), List.of("sandbox", "mastodon", "x"), d.draft().media(), d.draft().author(), null, d.draft().publishAt(), null, null),
                new Draft(d.draft().text(), "en", d.draft().translations(), d.draft().platforms(), List.of(new Draft.Media("https://canada.ca/a.png", "", "image/png")), d.draft().author(), null, d.draft().publishAt(), null, null),
                new Draft(d.draft().text(), "en", d.draft().translations(), d.draft().platforms(), d.draft().media(), new Draft.Author("u-1", "Pat", "DND"), null, d.draft().publishAt(), null, null),
                new Draft(d.draft().text(), "en", d.draft().translations(), d.draft().platforms(), d.draft().media(), d.draft().author(), null, Instant.parse("2030-01-02T14:00:00.000000001Z"), null, null),
                new Draft(d.draft().text(), "en", d.draft().translations(), d.draft().platforms(), d.draft().media(), d.draft().author(), null, null, null, null))) {
            assertThat(SignedDecision.contentSha256(changed)).as(changed.toString()).isNotEqualTo(SignedDecision.contentSha256(d.draft()));
        }
        // Absent and empty strings differ; so do a field boundary moved between two strings.
        assertThat(SignedDecision.contentSha256(withAuthor(d.draft(), new Draft.Author("u-1", null, null))))
                .isNotEqualTo(SignedDecision.contentSha256(withAuthor(d.draft(), new Draft.Author("u-1", "", ""))));
        assertThat(SignedDecision.contentSha256(withAuthor(d.draft(), new Draft.Author("u-1", null, "HC"))))
                .isNotEqualTo(SignedDecision.contentSha256(withAuthor(d.draft(), new Draft.Author("u-1H", null, "C"))));
        // The review (or its absence), the decision and the policy are bound.
        assertThat(SignedDecision.canonicalBytes(new PostDecided(d.postId(), d.decision(), 10, List.of(), d.policy(), d.decidedAt(), d.draft())))
                .isNotEqualTo(base);
        assertThat(SignedDecision.canonicalBytes(d.reviewed(Decision.REJECTED, d.review(), d.decidedAt(), d.draft()))).isNotEqualTo(base);
    }

    private static Draft withText(Draft d, String text) {
        return new Draft(text, d.language(), d.translations(), d.platforms(), d.media(), d.author(), d.category(),
                d.publishAt(), d.repostOf(), d.externalId());
    }

    private static Draft withAuthor(Draft d, Draft.Author author) {
        return new Draft(d.text(), d.language(), d.translations(), d.platforms(), d.media(), author, d.category(),
                d.publishAt(), d.repostOf(), d.externalId());
    }
}
