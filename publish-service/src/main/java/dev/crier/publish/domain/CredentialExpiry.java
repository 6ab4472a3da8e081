package dev.crier.publish.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * When accounts' credentials stop working, where that is known: a LinkedIn token lasts 60 days, a Facebook
 * long-lived page token about as long, and nothing renews them yet, so ops record the date with the token, as the
 * secret {@code expires-at} beside it (an ISO date, {@code 2027-02-05}, or instant), and replace both together.
 */
public final class CredentialExpiry {

    public static final String SECRET = "expires-at";

    /** An account whose credentials expire at a known time. */
    public record Known(Account account, Instant expiresAt) {
        /** Days left, in fractions; negative once expired. */
        public double daysLeft(Instant now) {
            return Duration.between(now, expiresAt).toMinutes() / (24.0 * 60);
        }
    }

    private CredentialExpiry() {
    }

    /**
     * The accounts whose expiry is recorded.
     *
     * @throws IllegalArgumentException naming the account, when a recorded expiry is neither a date nor an instant
     */
    public static List<Known> of(Collection<Account> accounts, CredentialSource credentials) {
        List<Known> known = new ArrayList<>();
        for (Account account : accounts) {
            Optional<Secret> recorded = credentials.find(account.credentials(), SECRET);
            recorded.ifPresent(value -> known.add(new Known(account, parse(account, value.value()))));
        }
        return known;
    }

    private static Instant parse(Account account, String value) {
        String v = value.trim();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the '" + SECRET + "' recorded for " + account.key()
                    + " is not a date (2027-02-05) or an instant (2027-02-05T12:00:00Z)");
        }
    }
}
