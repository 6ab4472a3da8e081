package dev.crier.publish.domain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A platform in memory that behaves like a real one: it keeps what it posted, honours idempotency keys when it has a
 * window, lets its recent posts be looked up when it can, and fails as told either before posting (nothing
 * posted) or after posting (posted, but the answer is lost).
 */
final class CountingConnector implements PlatformConnector {

    private final String platform;
    private final Function<PublishRequest, PlatformResult> refusal;
    final List<PublishRequest> requests = new ArrayList<>();
    /** What the platform holds: post id by text, in order. */
    final Map<String, String> posted = new LinkedHashMap<>();
    private final Map<String, String> byKey = new LinkedHashMap<>();
    final Deque<Supplier<RuntimeException>> failBefore = new ArrayDeque<>();
    final Deque<Supplier<RuntimeException>> failAfter = new ArrayDeque<>();
    final List<String> deleted = new ArrayList<>();
    private Duration window = Duration.ZERO;
    private boolean lookups;
    private int maxLength = 10_000;

    CountingConnector(String platform, Function<PublishRequest, PlatformResult> refusal) {
        this.platform = platform;
        this.refusal = refusal;
    }

    static CountingConnector publishing(String platform) {
        return new CountingConnector(platform, r -> null);
    }

    CountingConnector idempotentFor(Duration window) {
        this.window = window;
        return this;
    }

    CountingConnector withLookups() {
        this.lookups = true;
        return this;
    }

    CountingConnector withMaxLength(int maxLength) {
        this.maxLength = maxLength;
        return this;
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public int maxLength(Account account) {
        return maxLength;
    }

    @Override
    public Duration idempotencyWindow() {
        return window;
    }

    @Override
    public synchronized PlatformResult publish(Account account, PublishRequest request) {
        requests.add(request);
        if (!failBefore.isEmpty()) {
            throw failBefore.pop().get();
        }
        PlatformResult refused = refusal.apply(request);
        if (refused != null) {
            return refused;
        }
        String id = window.isZero() ? null : byKey.get(request.idempotencyKey());
        if (id == null) {
            id = platform + "-" + (posted.size() + 1);
            posted.put(id, request.text());
            byKey.put(request.idempotencyKey(), id);
        }
        if (!failAfter.isEmpty()) {
            throw failAfter.pop().get();
        }
        return PlatformResult.published(id, "https://" + platform + ".example/" + id);
    }

    @Override
    public Lookup findRecent(Account account, PublishRequest request) {
        if (!lookups) {
            return Lookup.unsupported();
        }
        return posted.entrySet().stream().filter(e -> e.getValue().equals(request.text())).findFirst()
                .map(e -> Lookup.found(e.getKey(), "https://" + platform + ".example/" + e.getKey()))
                .orElse(Lookup.absent());
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        if (posted.remove(platformPostId) == null) {
            return Deletion.refused(platform + " has no post " + platformPostId);
        }
        deleted.add(platformPostId);
        return Deletion.done();
    }

    int calls() {
        return requests.size();
    }
}
