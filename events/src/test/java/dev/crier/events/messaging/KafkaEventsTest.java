package dev.crier.events.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PublishOutcome;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaEventsTest {

    static final String POST = "7b0a3c9e-5a4f-4c1e-9d2b-3f6a8e1c2d4b";
    static final String OTHER = "0f7c1d2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5";

    final EventCodec codec = new EventCodec();
    final KafkaEvents events = new KafkaEvents(codec);

    static PublishOutcome outcome(String postId) {
        return new PublishOutcome(postId, PublishOutcome.Status.PUBLISHED,
                List.of(new PublishOutcome.PlatformResult("sandbox", null, PublishOutcome.State.PUBLISHED, "s1", null, null)), Instant.EPOCH);
    }

    Message<String> record(String topic, String key, Event<PublishOutcome> headersOf, PublishOutcome payload) {
        Headers headers = CloudEventHeaders.of(headersOf);
        var record = new ConsumerRecord<>(topic, 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, key,
                codec.encode(EventType.POST_PUBLISHED, payload), headers, Optional.empty());
        return Message.of(record.value()).addMetadata(new IncomingKafkaRecordMetadata<>(record, "test"));
    }

    @Test
    void readsAnEventWhoseKeySubjectAndPayloadAgree() {
        var event = Event.of(EventType.POST_PUBLISHED, "/test", POST, null, Instant.EPOCH, outcome(POST));
        var read = events.read(record("posts.published", POST, event, outcome(POST)), EventType.POST_PUBLISHED);
        assertThat(read.id()).isEqualTo(event.id());
        assertThat(read.data()).isEqualTo(outcome(POST));
    }

    @Test
    void refusesAPayloadAboutAnotherPost() {
        var event = Event.of(EventType.POST_PUBLISHED, "/test", POST, null, Instant.EPOCH, outcome(POST));
        assertThatThrownBy(() -> events.read(record("posts.published", POST, event, outcome(OTHER)), EventType.POST_PUBLISHED))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("is not the ce_subject");
    }

    @Test
    void refusesAKeyOtherThanTheSubjectAndATypeOnTheWrongTopic() {
        var event = Event.of(EventType.POST_PUBLISHED, "/test", POST, null, Instant.EPOCH, outcome(POST));
        assertThatThrownBy(() -> events.read(record("posts.published", OTHER, event, outcome(POST)), EventType.POST_PUBLISHED))
                .hasMessageContaining("record key");
        assertThatThrownBy(() -> events.read(record("posts.publish-failed", POST, event, outcome(POST)),
                java.util.Set.of(EventType.POST_PUBLISHED, EventType.POST_PUBLISH_FAILED)))
                .hasMessageContaining("does not belong on posts.publish-failed");
    }
}
