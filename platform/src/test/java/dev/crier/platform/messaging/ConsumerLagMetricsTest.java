package dev.crier.platform.messaging;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerLagMetricsTest {

    static final TopicPartition P0 = new TopicPartition("posts.approved", 0);
    static final TopicPartition P1 = new TopicPartition("posts.approved", 1);
    static final TopicPartition P2 = new TopicPartition("posts.approved", 2);

    @Test
    void lagIsWhatIsNotCommittedAndANeverCommittedPartitionCountsFromItsEarliestRecord() {
        // P0: committed up to 90 of 100; P1: never committed, records 40 to 59 kept; P2: fully committed.
        long lag = ConsumerLagMetrics.lag(Map.of(P0, 0L, P1, 40L, P2, 5L), Map.of(P0, 100L, P1, 60L, P2, 7L),
                Map.of(P0, new OffsetAndMetadata(90), P2, new OffsetAndMetadata(7)));
        assertThat(lag).isEqualTo(10 + 20);
    }

    @Test
    void anOffsetCommittedPastTheEndCountsAsNoLagNotANegativeOne() {
        assertThat(ConsumerLagMetrics.lag(Map.of(P0, 0L), Map.of(P0, 5L), Map.of(P0, new OffsetAndMetadata(8))))
                .isZero();
    }

    @Test
    void theGroupsAreThoseOfTheIncomingChannelsWithTheirTopics() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.pipeline.topics", "posts.decided, posts.approved",
                "mp.messaging.incoming.pipeline.group.id", "ingest-service",
                "mp.messaging.incoming.replays.topic", "dead-letters.handled",
                "mp.messaging.incoming.replays.group.id", "ingest-service-replays",
                "%test.mp.messaging.incoming.other.group.id", "test-only",
                "mp.messaging.outgoing.events-out.topic", "drafts.submitted"), "test", 100)).build();
        assertThat(ConsumerLagMetrics.groupsOf(config)).containsOnly(
                Map.entry("ingest-service", List.of("posts.decided", "posts.approved")),
                Map.entry("ingest-service-replays", List.of("dead-letters.handled")));
    }
}
