package dev.crier.infra;

import dev.crier.events.Topics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.crier.events.Topics.ACCOUNTS_REGISTRY;
import static dev.crier.events.Topics.AUDIT_CHECKPOINTS;
import static dev.crier.events.Topics.DEAD_LETTERS_HANDLED;
import static dev.crier.events.Topics.DRAFTS_SUBMITTED;
import static dev.crier.events.Topics.POLICY_CHANGES;
import static dev.crier.events.Topics.POSTS_APPROVED;
import static dev.crier.events.Topics.POSTS_CHANGES_REQUESTED;
import static dev.crier.events.Topics.POSTS_DECIDED;
import static dev.crier.events.Topics.POSTS_EXPIRED;
import static dev.crier.events.Topics.POSTS_PUBLISHED;
import static dev.crier.events.Topics.POSTS_PUBLISH_FAILED;
import static dev.crier.events.Topics.POSTS_PUBLISH_REFUSED;
import static dev.crier.events.Topics.POSTS_REJECTED;
import static dev.crier.events.Topics.POSTS_RETRACTED;
import static dev.crier.events.Topics.POSTS_REVIEW;
import static dev.crier.events.Topics.REVIEWS_ESCALATED;

/**
 * Who may write and read each topic: the one table the broker's ACLs are made from. An event topic is written by
 * its owner alone and read by the consumer groups listed; its dead-letter topic is written by those consumers (they
 * dead-letter what they cannot read) and by nobody else, and read, record by record without a consumer group, by
 * audit-service's dead-letter desk and by the topic's owner, which sends a record back when ops replay it. The ops
 * reader reads every topic and writes none.
 */
public final class KafkaAccess {

    public static final String INGEST = "ingest-service";
    public static final String POLICY = "policy-service";
    public static final String PUBLISH = "publish-service";
    public static final String AUDIT = "audit-service";
    /** People and tools that watch topics, dead letters and lag; its consumer groups must start with {@link #OPS_GROUP_PREFIX}. */
    public static final String OPS_READER = "ops-reader";
    /** The broker's own principal and the infrastructure's (topics, users, ACLs): the only super user. */
    public static final String ADMIN = "admin";
    public static final String OPS_GROUP_PREFIX = "ops-";

    /** The principals a client may log in as: one per service, and the ops reader. */
    public static final List<String> CLIENTS = List.of(INGEST, POLICY, PUBLISH, AUDIT, OPS_READER);

    /** One consumer group of one principal; a null group reads chosen records by assignment and commits nothing. */
    public record Reader(String principal, String group) {
        static Reader byAssignment(String principal) {
            return new Reader(principal, null);
        }
    }

    /** A topic, the one principal that may write it, and the groups that consume it. */
    public record TopicAccess(String topic, Set<String> writers, List<Reader> readers) {
        public TopicAccess {
            writers = Set.copyOf(writers);
            readers = List.copyOf(readers);
        }
    }

    private static final Reader INGEST_STATUS = new Reader(INGEST, "ingest-service");
    private static final Reader POLICY_DRAFTS = new Reader(POLICY, "policy-service");
    private static final Reader POLICY_REVIEW = new Reader(POLICY, "policy-service-review");
    private static final Reader PUBLISHER = new Reader(PUBLISH, "publish-service");
    private static final Reader AUDITOR = new Reader(AUDIT, "audit-service");

    /** The event topics. Every topic in {@link Topics#events()} has exactly one row (KafkaAccessTest). */
    private static final List<TopicAccess> EVENT_TOPICS = List.of(
            row(DRAFTS_SUBMITTED, INGEST, POLICY_DRAFTS, AUDITOR),
            row(POSTS_DECIDED, POLICY, INGEST_STATUS, AUDITOR),
            row(POSTS_APPROVED, POLICY, INGEST_STATUS, PUBLISHER, AUDITOR),
            row(POSTS_REVIEW, POLICY, POLICY_REVIEW, AUDITOR),
            row(POSTS_REJECTED, POLICY, INGEST_STATUS, AUDITOR),
            row(POSTS_CHANGES_REQUESTED, POLICY, INGEST_STATUS, AUDITOR),
            row(POSTS_EXPIRED, POLICY, INGEST_STATUS, AUDITOR),
            row(REVIEWS_ESCALATED, POLICY, INGEST_STATUS, AUDITOR),
            row(POLICY_CHANGES, POLICY, AUDITOR),
            row(POSTS_PUBLISHED, PUBLISH, INGEST_STATUS, AUDITOR),
            row(POSTS_PUBLISH_FAILED, PUBLISH, INGEST_STATUS, AUDITOR),
            row(POSTS_RETRACTED, PUBLISH, INGEST_STATUS, AUDITOR),
            row(POSTS_PUBLISH_REFUSED, PUBLISH, AUDITOR),
            row(DEAD_LETTERS_HANDLED, AUDIT, new Reader(INGEST, "ingest-service-replays"),
                    new Reader(POLICY, "policy-service-replays"), new Reader(PUBLISH, "publish-service-replays"),
                    new Reader(AUDIT, "audit-service-replays"), AUDITOR),
            row(ACCOUNTS_REGISTRY, PUBLISH, Reader.byAssignment(INGEST), AUDITOR),
            row(AUDIT_CHECKPOINTS, AUDIT));

    private KafkaAccess() {
    }

    /** Every topic's row: the event topics, then each one's dead-letter topic, written by its consumers. */
    public static List<TopicAccess> table() {
        return Stream.concat(EVENT_TOPICS.stream(), EVENT_TOPICS.stream().map(KafkaAccess::deadLetterRow)).toList();
    }

    public static TopicAccess of(String topic) {
        return table().stream().filter(row -> row.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no access row for topic " + topic));
    }

    /** A principal that may write the topic: its owner, or for a dead-letter topic one of its consumers. */
    public static String writerOf(String topic) {
        return of(topic).writers().stream().sorted().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("nobody may write " + topic));
    }

    private static TopicAccess row(String topic, String owner, Reader... readers) {
        return new TopicAccess(topic, Set.of(owner), List.of(readers));
    }

    private static TopicAccess deadLetterRow(TopicAccess topic) {
        Set<String> consumers = new LinkedHashSet<>();
        topic.readers().forEach(reader -> consumers.add(reader.principal()));
        Set<String> readers = new LinkedHashSet<>(topic.writers());
        readers.add(AUDIT);
        return new TopicAccess(Topics.deadLetter(topic.topic()), consumers,
                readers.stream().sorted().map(Reader::byAssignment).toList());
    }
}
