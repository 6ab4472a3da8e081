package dev.crier.publish.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A registered official account: the only kind Crier publishes to. {@code credentials} names where its secrets are
 * (see {@link CredentialSource}); {@code settings} holds what the platform needs besides secrets (an instance's base
 * URL, a page id, an author URN).
 */
public record Account(String platform, String handle, Language language, String department, String credentials,
                      Map<String, String> settings) {

    public Account {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(credentials, "credentials");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** Which version of a draft the account gets. */
    public enum Language {
        EN, FR, BILINGUAL;

        public static Language parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("language must be en, fr or bilingual, not '" + value + "'");
            }
        }
    }

    /** The account's name in results and rate-limit buckets: {@code platform:handle}. */
    public String key() {
        return platform + ":" + handle;
    }

    /** A setting the account's platform needs. */
    public String setting(String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new NotPublishableException("account " + key() + " has no '" + name + "' setting");
        }
        return value;
    }
}
