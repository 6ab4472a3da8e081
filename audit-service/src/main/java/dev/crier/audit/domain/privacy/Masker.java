package dev.crier.audit.domain.privacy;

import dev.crier.privacy.Detection;
import dev.crier.privacy.Detector;
import dev.crier.privacy.Kind;

import java.util.List;

/**
 * Masks the personal information and secrets that {@link Detector} finds: Social Insurance Numbers and card numbers
 * (Luhn-checked, so ordinary numbers stay readable), e-mail addresses, North American phone numbers, credentials
 * (the value after password/secret/token/api key, bearer tokens, JWTs, AWS/GitHub/Slack tokens, private-key blocks)
 * and internal host names and private IP addresses. Each is replaced by a label in brackets that keeps no character
 * of it. The detector is the one policy-service's rules use, so the audit masks whatever the policy calls personal
 * or secret, and it masks it even in events the policy never saw (a draft is recorded before it is decided).
 */
public final class Masker {

    private Masker() {
    }

    /** The text with every detection replaced by its label; the same string when nothing was found. */
    public static String mask(String text) {
        List<Detection> found = Detector.detect(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Detection d : found) {
            // Detections come by start, longest first: one that overlaps a span already masked extends it unlabelled.
            if (d.start() < last) {
                if (d.end() > last) {
                    last = d.end();
                }
                continue;
            }
            out.append(text, last, d.start()).append(label(d.kind()));
            last = d.end();
        }
        return out.append(text, last, text.length()).toString();
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
