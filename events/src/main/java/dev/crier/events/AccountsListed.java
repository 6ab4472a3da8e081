package dev.crier.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * On accounts.registry (compacted, one key): the official accounts publish-service can publish to, without any
 * secret. publish-service lists them when it starts; ingest keeps the latest list and refuses at the door a draft
 * that no account can take, rather than let it fail after it was decided and perhaps reviewed.
 */
public record AccountsListed(List<Account> accounts, Instant listedAt) {

    /** The record key: the registry is one value, and compaction keeps its latest. */
    public static final String KEY = "registry";

    public AccountsListed {
        accounts = List.copyOf(accounts);
    }

    /**
     * One account. {@code language} is {@code en}, {@code fr} or {@code bilingual}: the versions of a draft it
     * publishes.
     */
    public record Account(String platform, String handle, String department, String language) {

        /** The languages of the versions a draft must have for this account: both for a bilingual one. */
        public List<String> needs() {
            return language.equals("bilingual") ? List.of("en", "fr") : List.of(language);
        }
    }

    /** The account on this platform for this department (departments are matched without regard to case). */
    public Optional<Account> find(String platform, String department) {
        if (department == null) {
            return Optional.empty();
        }
        String wanted = department.trim().toUpperCase(Locale.ROOT);
        return accounts.stream().filter(a -> a.platform().equals(platform)
                && a.department().trim().toUpperCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
