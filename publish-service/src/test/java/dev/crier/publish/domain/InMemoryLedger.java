package dev.crier.publish.domain;

import dev.crier.events.PostDecided;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ledger in maps, with the same rules as the database's (conditional moves): for domain tests. */
final class InMemoryLedger implements PublishLedger {

    private final Map<String, PostDecided> approvals = new LinkedHashMap<>();
    private final Map<String, LedgerEntry> entries = new LinkedHashMap<>();
    final List<String> history = new ArrayList<>();

    @Override
    public synchronized boolean record(PostDecided approval, List<LedgerEntry> planned) {
        if (approvals.putIfAbsent(approval.postId(), approval) != null) {
            return false;
        }
        planned.forEach(e -> {
            entries.put(e.postId() + "|" + e.platform(), e);
            history.add(e.platform() + ":" + e.state());
        });
        return true;
    }

    @Override
    public Optional<PostDecided> approval(String postId) {
        return Optional.ofNullable(approvals.get(postId));
    }

    @Override
    public synchronized List<LedgerEntry> entries(String postId) {
        return entries.values().stream().filter(e -> e.postId().equals(postId)).toList();
    }

    @Override
    public Optional<LedgerEntry> find(String postId, String platform) {
        return Optional.ofNullable(entries.get(postId + "|" + platform));
    }

    @Override
    public synchronized List<LedgerEntry> due(Instant now, int limit, Set<String> skippedPlatforms) {
        return entries.values().stream()
                .filter(e -> !e.state().isFinal() && e.dueAt() != null && !e.dueAt().isAfter(now))
                .filter(e -> !skippedPlatforms.contains(e.platform()))
                .sorted(Comparator.comparing(LedgerEntry::dueAt)).limit(limit).toList();
    }

    @Override
    public synchronized List<LedgerEntry> pending() {
        return entries.values().stream().filter(e -> e.state() == LedgerState.PENDING).toList();
    }

    @Override
    public synchronized boolean move(LedgerEntry from, LedgerEntry to) {
        if (!from.state().canMoveTo(to.state())) {
            throw new IllegalStateException("refused " + from.state() + " -> " + to.state());
        }
        String key = from.postId() + "|" + from.platform();
        LedgerEntry current = entries.get(key);
        if (current == null || current.state() != from.state() || current.attempts() != from.attempts()) {
            return false;
        }
        entries.put(key, to);
        history.add(to.platform() + ":" + to.state());
        return true;
    }

    /** Posts whose every entry is final. */
    synchronized List<String> finished() {
        return approvals.keySet().stream().filter(id -> entries(id).stream().allMatch(e -> e.state().isFinal())).toList();
    }
}
