package dev.crier.audit.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.signing.TrustedKeys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the signatures of the decisions in a log, record by record. A decision stored as it arrived is verified
 * again from its stored bytes against the trusted keys; one stored masked (no signature covers the masked bytes) is
 * judged by what the audit recorded when it arrived, checked then on the original. A decision that failed, or is
 * signed by a key that is not trusted, is a problem; an unsigned one (from before signing) is counted. A forged
 * approval that publish refused stays in the log, so it is reported on every run: the log recorded it faithfully,
 * and someone should know who could write it. Plain Java.
 */
public final class DecisionChecks {

    // Not EventCodec's mapper: loading EventCodec loads the schema validator, whose logging would talk over the
    // command's report. Decisions are read as PostDecided only, with their ISO-8601 times.
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Set<String> DECISION_TYPES = EventType.all().stream()
            .filter(t -> t.payload() == PostDecided.class).map(EventType::ceType).collect(Collectors.toUnmodifiableSet());

    private final TrustedKeys keys;
    private final List<String> problems = new ArrayList<>();
    private long verified;
    private long unsigned;
    private long fromReceipt;

    /** @param keys the trusted keys; null to rely on what the audit recorded for every decision */
    public DecisionChecks(TrustedKeys keys) {
        this.keys = keys;
    }

    /** The next record: its index, CloudEvents type, stored bytes and the check the audit recorded (may be null). */
    public void record(long index, String type, byte[] bytes, String recorded) {
        if (!DECISION_TYPES.contains(type)) {
            return;
        }
        String check;
        String postId = "?";
        try {
            JsonNode node = JSON.readTree(bytes);
            postId = node.path("postId").asText("?");
            if (keys != null && !node.has("auditOriginalSha256")) {
                check = keys.verify(JSON.treeToValue(node, PostDecided.class)).label();
            } else {
                fromReceipt++;
                check = recorded;
            }
        } catch (IOException e) {
            check = "failed: the stored decision cannot be read (" + e.getMessage() + ")";
        }
        // The labels of Verification.label(); null: appended before the audit recorded checks, when nothing was signed.
        if (check == null || check.equals("unsigned")) {
            unsigned++;
        } else if (check.equals("verified")) {
            verified++;
        } else {
            problems.add("record " + index + " (" + type + ", post " + postId + "): decision signature " + check);
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** One line for people: how many decisions verified, were unsigned, or were judged from the audit's record. */
    public String summary() {
        return verified + " decision signature(s) verified, " + unsigned + " unsigned (from before signing), "
                + fromReceipt + " checked as received (stored masked" + (keys == null ? ", or no trusted keys given" : "") + ")";
    }
}
