package dev.crier.audit.verify;

import dev.crier.audit.Tampering;
import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.PostDecided;
import dev.crier.events.signing.TrustedKeys;
import dev.crier.events.signing.TrustedKeysDir;
import dev.crier.audit.store.AuditLedger;
import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verify command, run against the service over HTTP, passes a sound log and catches each kind of tampering that
 * a database superuser can do behind the guards' back: it turns them off first.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class VerifyCommandTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    AuditLedger ledger;

    @TempDir
    Path state;

    @Test
    void aSoundLogPassesAndEveryTamperingBySuperuserIsNamed() throws Exception {
        ledger.appendAll(IntStream.range(0, 12).mapToObj(i -> TestEvents.received()).toList());
        long size = ledger.head().size();
        long k = size / 2;
        await().atMost(Duration.ofSeconds(10)).until(() -> verify().startsWith("OK: " + size + " records"));

        assertDetected("UPDATE audit_records SET payload = convert_to('{\"forged\":true}', 'UTF8') WHERE idx = " + k,
                "record " + k + " changed: its bytes no longer match its stored leaf hash", "record " + k + " was changed");
        assertDetected("UPDATE audit_records SET payload = convert_to('{\"forged\":true}', 'UTF8'), "
                + "leaf_hash = sha256('\\x00'::bytea || convert_to('{\"forged\":true}', 'UTF8')) WHERE idx = " + k,
                "record " + k + " was changed");
        assertDetected("DELETE FROM audit_records WHERE idx = " + k + ";"
                + "UPDATE audit_records SET idx = -idx WHERE idx > " + k + ";"
                + "UPDATE audit_records SET idx = -idx - 1 WHERE idx < 0", "record " + k + " was removed");
        assertDetected("UPDATE audit_records SET idx = -idx WHERE idx >= " + k + ";"
                + "UPDATE audit_records SET idx = -idx + 1 WHERE idx < 0;"
                + "INSERT INTO audit_records (idx, event_id, ce_type, topic, subject, source, event_time, payload, leaf_hash) "
                + "VALUES (" + k + ", 'forged', 'dev.crier.draft.submitted', 'drafts.submitted', 'x', '/forged', now(), "
                + "'\\x7b7d'::bytea, sha256('\\x007b7d'::bytea))", "a record was inserted at index " + k);
        assertDetected("UPDATE audit_records SET idx = -1 WHERE idx = " + k + ";"
                + "UPDATE audit_records SET idx = " + k + " WHERE idx = " + (k + 1) + ";"
                + "UPDATE audit_records SET idx = " + (k + 1) + " WHERE idx = -1",
                "records " + k + " and " + (k + 1) + " were reordered (swapped)");
        assertThat(verify()).as("the restored log").startsWith("OK: " + size + " records");
    }

    @Test
    void aDecisionWhoseSignatureFailsIsNamedAndTheLogItselfStaysTrusted() throws Exception {
        var keys = CrierTestResource.infra().decisionKeys();
        String good = UUID.randomUUID().toString();
        String forged = UUID.randomUUID().toString();
        var signed = TestEvents.decided(good, "e".repeat(64));
        var bad = TestEvents.decided(forged, "e".repeat(64));
        ledger.appendAll(List.of(received(signed, keys.sign(signed.data())),
                received(bad, TestEvents.forger(keys.keyId()).sign(bad.data()))));
        long size = ledger.head().size();
        long forgedIndex = ledger.timeline(UUID.fromString(forged)).get(0).index();

        String report = await().atMost(Duration.ofSeconds(10)).until(this::verify, r -> r.startsWith("OK: " + size + " records"));
        assertThat(report).contains("DECISIONS WHOSE SIGNATURE DID NOT VERIFY")
                .contains("record " + forgedIndex + " (dev.crier.post.decided, post " + forged + "): decision signature failed:")
                .doesNotContain("post " + good + ")");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new VerifyCommand(base.toString(), CrierTestResource.token("auditor"), state, trustedKeys(),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run().ok()).as("exit status 1").isFalse();
    }

    private static ReceivedEvent received(Event<PostDecided> event, PostDecided data) {
        var signed = TestEvents.carrying(event, data);
        return ReceivedEvent.of(signed, new EventCodec().encode(event.type(), data), new TrustedKeysDir(trustedDir(), Duration.ofSeconds(30), Clock.systemUTC()));
    }

    private static Path trustedDir() {
        return CrierTestResource.infra().decisionKeys().trustedKeysDir();
    }

    private static TrustedKeys trustedKeys() {
        return TrustedKeys.load(trustedDir());
    }

    /** Tampers as a superuser with the guards off, checks the report, then puts the log back as it was. */
    private void assertDetected(String tampering, String... expected) throws Exception {
        Tampering.superuser("CREATE TABLE tamper_backup AS SELECT * FROM audit_records");
        Tampering.unguarded(tampering);
        try {
            String report = verify();
            assertThat(report).startsWith("TAMPERING OR DAMAGE DETECTED").contains(expected);
        } finally {
            Tampering.unguarded("DELETE FROM audit_records; INSERT INTO audit_records SELECT * FROM tamper_backup");
            Tampering.superuser("DROP TABLE tamper_backup");
        }
    }

    private String verify() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new VerifyCommand(base.toString(), CrierTestResource.token("auditor"), state, trustedKeys(),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        return out.toString(StandardCharsets.UTF_8);
    }
}
