package dev.crier.publish.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ledger in a map, with the same rules as the database's: for domain tests. */
final class InMemoryLedger implements PublishLedger {

    private final Map<String, LedgerEntry> entries = new LinkedHashMap<>();
    final List<String> history = new ArrayList<>();

    @Override
    public Optional<LedgerEntry> find(String postId, String platform) {
        return Optional.ofNullable(entries.get(postId + "|" + platform));
    }

    @Override
    public void open(String postId, String platform) {
        if (entries.putIfAbsent(postId + "|" + platform, new LedgerEntry(postId, platform, LedgerState.PENDING, null, null, null)) == null) {
            history.add(platform + ":PENDING");
        }
    }

    @Override
    public void move(LedgerEntry entry) {
        String key = entry.postId() + "|" + entry.platform();
        LedgerEntry current = entries.get(key);
        if (current == null || !current.state().canMoveTo(entry.state())) {
            throw new IllegalStateException("refused " + current + " -> " + entry.state());
        }
        entries.put(key, entry);
        history.add(entry.platform() + ":" + entry.state());
    }
}
