package dev.crier.audit.domain.privacy;

import dev.crier.privacy.Detection;
import dev.crier.privacy.Detector;
import dev.crier.privacy.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Masks the personal information and secrets that {@link Detector} finds: Social Insurance Numbers and card numbers
 * (Luhn-checked, so ordinary numbers stay readable), e-mail addresses, North American phone numbers, credentials
 * (password/secret/token/api key with its value, bearer tokens, JWTs, AWS/GitHub/Slack tokens, private-key blocks)
 * and internal host names and private IP addresses. Each is replaced by a label in brackets that keeps no character
 * of it. The detector is the one policy-service's rules use, so the audit masks whatever the policy calls personal
 * or secret, and it masks it even in events the policy never saw (a draft is recorded before it is decided).
 */
public final class Masker {

    private Masker() {
    }

    /** A span [start, end) of a text that is masked, and the label that takes its place. */
    public record Span(int start, int end, String label) {
    }

    /**
     * The text with every {@link #spans span} replaced by its label; the same string when nothing was found.
     */
    public static String mask(String text) {
        List<Span> spans = spans(text);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Span span : spans) {
            out.append(text, last, span.start()).append(span.label());
            last = span.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /**
     * What {@link #mask} replaces, in order and apart: each detection from its cue ("password: ", "Bearer ") to its
     * end, the span the policy's finding covers, so that nothing the policy flags stays readable. Overlapping
     * detections make one span, labelled by the one that starts first (the longest when two start together).
     */
    public static List<Span> spans(String text) {
        List<Detection> found = Detector.detect(text);
        if (found.isEmpty()) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>(found.size());
        for (Detection d : found) {
            Span previous = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (previous != null && d.cueStart() < previous.end()) {
                if (d.end() > previous.end()) {
                    spans.set(spans.size() - 1, new Span(previous.start(), d.end(), previous.label()));
                }
            } else {
                spans.add(new Span(d.cueStart(), d.end(), label(d.kind())));
            }
        }
        return spans;
    }

    static String label(Kind kind) {
        return switch (kind) {
            case SIN -> "[SIN]";
            case PAYMENT_CARD -> "[card]";
            case EMAIL -> "[email]";
            case PHONE -> "[phone]";
            case INTERNAL_HOST, PRIVATE_IP -> "[internal]";
            default -> "[secret]";
        };
    }
}
