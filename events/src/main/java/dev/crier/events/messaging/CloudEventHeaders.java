package dev.crier.events.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * CloudEvents 1.0 attributes as Kafka headers in binary content mode (the CloudEvents Kafka protocol binding):
 * {@code ce_*} headers beside a JSON value, readable by any Kafka tool or CloudEvents SDK.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    /** The attributes a record carries, read back from its headers. */
    public record Attributes(String id, EventType<?> type, String source, String subject, Instant time) {
    }

    public static Headers of(Event<?> event) {
        return of(new Attributes(event.id(), event.type(), event.source(), event.postId(), event.time()));
    }

    public static Headers of(Attributes event) {
        Headers headers = new RecordHeaders();
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, event.id());
        put(headers, SOURCE, event.source());
        put(headers, TYPE, event.type().ceType());
        put(headers, TIME, event.time().toString());
        put(headers, SUBJECT, event.subject());
        put(headers, CONTENT_TYPE, "application/json");
        return headers;
    }

    public static Attributes read(Headers headers) {
        String specVersion = require(headers, SPEC_VERSION);
        if (!"1.0".equals(specVersion)) {
            throw new InvalidEventException("unsupported ce_specversion " + specVersion);
        }
        String ceType = require(headers, TYPE);
        EventType<?> type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new InvalidEventException("unknown ce_type " + ceType));
        Instant time;
        try {
            time = Instant.parse(require(headers, TIME));
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("ce_time is not an RFC 3339 time");
        }
        return new Attributes(require(headers, ID), type, require(headers, SOURCE), require(headers, SUBJECT), time);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String require(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            throw new InvalidEventException("missing " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
