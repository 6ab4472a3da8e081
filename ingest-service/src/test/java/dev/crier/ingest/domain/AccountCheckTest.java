package dev.crier.ingest.domain;

import dev.crier.events.AccountsListed;
import dev.crier.events.Draft;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AccountCheckTest {

    static final AccountsListed REGISTRY = new AccountsListed(List.of(
            new AccountsListed.Account("sandbox", "hc-sandbox", "HC", "bilingual"),
            new AccountsListed.Account("x", "@SanteCanada", "HC", "fr"),
            new AccountsListed.Account("mastodon", "@hc", "HC", "en"),
            new AccountsListed.Account("linkedin", "esdc", "ESDC", "en")), Instant.parse("2026-12-07T10:00:00Z"));

    static Draft draft(String language, Map<String, String> translations, String department, String... platforms) {
        return new Draft("Text in its own language.", language, translations, List.of(platforms), List.of(),
                department == null ? null : new Draft.Author("u-1", "Pat", department), null, null, null, null);
    }

    @Test
    void aDraftEveryAccountCanTakePasses() {
        assertThat(AccountCheck.refusals(REGISTRY, draft("en", Map.of("fr", "Texte."), "hc", "sandbox", "x",
                "mastodon"))).isEmpty();
    }

    @Test
    void aPlatformWithoutAnAccountForTheDepartmentIsNamedByItsPlace() {
        assertThat(AccountCheck.refusals(REGISTRY, draft("en", Map.of("fr", "Texte."), "HC", "sandbox", "linkedin")))
                .containsExactly(new AccountCheck.Refusal("platforms[1]", "no official linkedin account for department HC"));
    }

    @Test
    void anAccountInOneLanguageNeedsThatVersionAndABilingualOneNeedsBoth() {
        assertThat(AccountCheck.refusals(REGISTRY, draft("en", Map.of(), "HC", "mastodon", "x", "sandbox")))
                .extracting(AccountCheck.Refusal::field, AccountCheck.Refusal::reason).containsExactly(
                        tuple("platforms[1]", "the x account @SanteCanada of HC "
                                + "publishes in French only and the draft has no French version"),
                        tuple("platforms[2]", "the sandbox account hc-sandbox of HC "
                                + "publishes in English and French and the draft has no French version"));
        assertThat(AccountCheck.refusals(REGISTRY, draft("fr", Map.of(), "HC", "x"))).isEmpty();
    }

    @Test
    void aDraftWithoutADepartmentHasNoAccountAndARepeatedPlatformIsNamedOnce() {
        assertThat(AccountCheck.refusals(REGISTRY, draft("en", Map.of(), null, "mastodon", "mastodon")))
                .extracting(AccountCheck.Refusal::field).containsExactly("platforms[0]");
    }
}
