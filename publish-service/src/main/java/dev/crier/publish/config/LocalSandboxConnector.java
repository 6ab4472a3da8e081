package dev.crier.publish.config;

import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.platforms.SandboxConnector;
import dev.crier.publish.store.SandboxPostStore;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The sandbox platform when it is this very service (no {@code crier.sandbox.base-url}): posts go straight to its
 * store, with the same rule as its HTTP API (one post per idempotency key, kept for good), without an HTTP round
 * trip to itself for each post. A real platform needs the HTTP call; the sandbox only needs the post stored, and
 * an HTTP call to itself cost about as much CPU as the rest of a post's publishing. The HTTP API stays for
 * everyone else, and {@link SandboxConnector} for a sandbox elsewhere.
 */
final class LocalSandboxConnector implements PlatformConnector {

    private final SandboxPostStore store;
    private final Supplier<URI> ownAddress;

    LocalSandboxConnector(SandboxPostStore store, Supplier<URI> ownAddress) {
        this.store = store;
        this.ownAddress = ownAddress;
    }

    @Override
    public String platform() {
        return SandboxConnector.PLATFORM;
    }

    @Override
    public int maxLength(Account account) {
        return SandboxConnector.MAX_LENGTH;
    }

    /** The sandbox checks Java chars, so it is counted the same way. */
    @Override
    public int length(String text) {
        return text.length();
    }

    @Override
    public Duration idempotencyWindow() {
        return SandboxConnector.KEYS_KEPT;
    }

    @Override
    public PlatformResult publish(Account account, PublishRequest request) {
        SandboxPostStore.Saved saved;
        try {
            saved = store.save(request.text(), String.join(",", request.languages()), request.idempotencyKey());
        } catch (StoreUnavailableException e) {
            // The insert may have committed before the database went away: the answer is unknown.
            throw new PlatformUnreachableException("the sandbox's store did not answer: " + e.getMessage(), e);
        }
        String id = saved.post().id().toString();
        return PlatformResult.published(id, ownAddress.get().toString().replaceAll("/+$", "")
                + SandboxConnector.STATUSES_PATH + "/" + id);
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        try {
            store.delete(UUID.fromString(platformPostId));
        } catch (IllegalArgumentException notOurs) {
            // No sandbox post has such an id: there is nothing to delete.
        }
        return Deletion.done();
    }
}
