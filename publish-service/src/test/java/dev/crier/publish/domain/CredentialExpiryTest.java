package dev.crier.publish.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialExpiryTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    final Account linkedin = new Account("linkedin", "hc", Account.Language.BILINGUAL, "HC", "hc-linkedin", Map.of());
    final Account facebook = new Account("facebook", "hc", Account.Language.BILINGUAL, "HC", "hc-facebook", Map.of());
    final Account mastodon = new Account("mastodon", "hc", Account.Language.BILINGUAL, "HC", "hc-mastodon", Map.of());

    @Test
    void countsTheDaysLeftFromADateOrAnInstantAndOnlyWhereOneIsRecorded() {
        Map<String, String> recorded = Map.of("hc-linkedin.expires-at", "2026-12-14", "hc-facebook.expires-at", "2026-12-06T00:00:00Z");
        CredentialSource credentials = (ref, name) -> Optional.ofNullable(recorded.get(ref + "." + name)).map(Secret::new);

        List<CredentialExpiry.Known> known = CredentialExpiry.of(List.of(linkedin, facebook, mastodon), credentials);

        assertThat(known).extracting(k -> k.account().key()).containsExactly("linkedin:hc", "facebook:hc");
        assertThat(known.get(0).daysLeft(NOW)).isEqualTo(6.5);
        assertThat(known.get(1).daysLeft(NOW)).as("expired a day and a half ago").isEqualTo(-1.5);
    }

    @Test
    void aRecordedExpiryThatIsNotADateNamesTheAccount() {
        CredentialSource credentials = (ref, name) -> Optional.of(new Secret("next month"));

        assertThatThrownBy(() -> CredentialExpiry.of(List.of(linkedin), credentials))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linkedin:hc").hasMessageNotContaining("next month");
    }
}
