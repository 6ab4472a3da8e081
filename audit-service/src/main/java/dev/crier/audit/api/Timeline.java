package dev.crier.audit.api;

import java.util.List;

/** A post's timeline: every recorded event about it, in the order the ledger received them. */
public record Timeline(String postId, List<TimelineEntry> records) {
}
