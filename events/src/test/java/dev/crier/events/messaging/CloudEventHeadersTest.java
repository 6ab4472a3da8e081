package dev.crier.events.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PublishOutcome;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventHeadersTest {

    final Event<PublishOutcome> event = Event.of(EventType.POST_PUBLISHED, "/crier/publish-service", "p1", null,
            Instant.parse("2026-11-25T10:15:30Z"), new PublishOutcome("p1", PublishOutcome.Status.PUBLISHED, List.of(), Instant.EPOCH));

    @Test
    void writesTheBinaryModeAttributes() {
        Headers h = CloudEventHeaders.of(event);
        assertThat(text(h, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(h, "ce_id")).isEqualTo(event.id());
        assertThat(text(h, "ce_type")).isEqualTo("dev.crier.post.published");
        assertThat(text(h, "ce_source")).isEqualTo("/crier/publish-service");
        assertThat(text(h, "ce_subject")).isEqualTo("p1");
        assertThat(text(h, "ce_time")).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(text(h, "content-type")).isEqualTo("application/json");

        var read = CloudEventHeaders.read(h);
        assertThat(read.type()).isEqualTo(EventType.POST_PUBLISHED);
        assertThat(read.id()).isEqualTo(event.id());
        assertThat(read.subject()).isEqualTo("p1");
    }

    @Test
    void refusesRecordsWithoutUsableAttributes() {
        Headers missingType = CloudEventHeaders.of(event).remove("ce_type");
        assertThatThrownBy(() -> CloudEventHeaders.read(missingType)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_type");
        Headers unknownType = CloudEventHeaders.of(event).remove("ce_type").add("ce_type", "com.acme.x".getBytes());
        assertThatThrownBy(() -> CloudEventHeaders.read(unknownType)).hasMessageContaining("unknown ce_type");
        Headers badTime = CloudEventHeaders.of(event).remove("ce_time").add("ce_time", "noon".getBytes());
        assertThatThrownBy(() -> CloudEventHeaders.read(badTime)).hasMessageContaining("ce_time");
    }

    private static String text(Headers h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
