package dev.crier.audit.messaging;

import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.privacy.PayloadMasker;
import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A draft's personal information and secrets never reach the ledger's table in clear, on any topic. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class SensitiveDraftTest {

    static final String TEXT = "Call me: SIN 130 692 544, card 4111 1111 1111 1111, password: hunter2Secret";

    final EventInjector injector = new EventInjector(CrierTestResource.infra().kafka());

    @Inject
    AgroalDataSource db;

    @AfterEach
    void close() {
        injector.close();
    }

    @Test
    void aSubmittedOrDecidedDraftIsStoredMaskedBesideTheHashOfItsOriginal() throws Exception {
        String postId = UUID.randomUUID().toString();
        var submitted = TestEvents.submitted(postId, TEXT);
        var decided = Event.of(EventType.POST_DECIDED, TestEvents.SOURCE, postId, null, TestEvents.TIME,
                new PostDecided(postId, Decision.REJECTED, 90, List.of(), new PolicyRef("p", "1", "a".repeat(64)),
                        TestEvents.TIME, new Draft(TEXT, "en", null, List.of("sandbox"), null,
                        new Draft.Author("u-1", "Pat", "HC"), null, null, null, null)));
        injector.send(submitted);
        injector.send(decided);

        List<String> stored = storedPayloads(postId, 2);
        for (String payload : stored) {
            assertThat(payload).doesNotContain("130 692 544", "4111 1111 1111 1111", "hunter2Secret")
                    .contains("SIN [SIN]", "card [card], [secret]");
        }
        byte[] original = new EventCodec().encode(submitted.type(), submitted.data()).getBytes(StandardCharsets.UTF_8);
        String originalHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original));
        assertThat(stored.get(0)).contains("\"" + PayloadMasker.ORIGINAL_HASH + "\":\"" + originalHash + "\"");
        // No record at all holds the clear values.
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM audit_records WHERE convert_from(payload, 'UTF8') LIKE ANY (ARRAY["
                        + "'%hunter2Secret%', '%130 692 544%', '%4111 1111 1111 1111%'])")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    /**
     * Issue 12: the forms that once reached the ledger in clear (a SIN grouped with no-break spaces, a card number in
     * full-width digits, an e-mail address split by zero-width spaces) are stored masked like any other.
     */
    @Test
    void personalInformationTypedWithOtherSpacesDigitsOrZeroWidthCharactersIsStoredMasked() throws Exception {
        String postId = UUID.randomUUID().toString();
        String text = "NAS 130\u00A0692\u00A0544, carte \uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 "
                + "\uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11, courriel pat.\u200Bsmith@gm\u200Bail.com";
        injector.send(TestEvents.submitted(postId, text));

        String payload = storedPayloads(postId, 1).get(0);
        assertThat(payload).contains("NAS [SIN], carte [card], courriel [email]")
                .doesNotContain("130\u00A0692\u00A0544", "\uFF14\uFF11\uFF11\uFF11", "smith", "gm\u200Bail", "\\u200B");
    }

    /** The payloads stored for a post, in ledger order, once there are {@code count} of them. */
    private List<String> storedPayloads(String postId, int count) {
        List<String> stored = new ArrayList<>();
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            stored.clear();
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT convert_from(payload, 'UTF8') FROM audit_records WHERE post_id = ?::uuid ORDER BY idx")) {
                ps.setString(1, postId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
            assertThat(stored).hasSize(count);
        });
        return stored;
    }
}
