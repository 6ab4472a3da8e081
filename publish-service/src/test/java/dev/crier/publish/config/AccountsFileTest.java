package dev.crier.publish.config;

import dev.crier.infra.Tokens;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.AccountRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsAccountsWithTheirSettingsAndFindsThemByPlatformAndDepartment() throws IOException {
        AccountRegistry registry = AccountsFile.read(write("""
                accounts:
                  - platform: mastodon
                    handle: HealthCanada
                    language: bilingual
                    department: HC
                    credentials: hc-mastodon
                    settings: {instance: "https://social.example"}
                  - {platform: x, handle: GCIndigenous, language: en, department: ISC, credentials: isc-x}
                """));

        Account mastodon = registry.find("mastodon", "hc").orElseThrow();
        assertThat(mastodon.language()).isEqualTo(Account.Language.BILINGUAL);
        assertThat(mastodon.settings()).containsEntry("instance", "https://social.example");
        assertThat(mastodon.key()).isEqualTo("mastodon:HealthCanada");
        assertThat(registry.find("x", "ISC")).map(Account::handle).contains("GCIndigenous");
        assertThat(registry.find("x", "HC")).isEmpty();
        assertThat(registry.find("x", null)).isEmpty();
    }

    @Test
    void theBuiltInLocalAccountsAreSandboxAccounts() {
        AccountRegistry registry = AccountsFile.readDefault();

        assertThat(registry.all()).isNotEmpty().allMatch(a -> a.platform().equals("sandbox"));
        assertThat(registry.find("sandbox", "ESDC")).map(Account::language).contains(Account.Language.BILINGUAL);
    }

    @Test
    void localSubmitterTokensNameTheDepartmentsOfTheLocalAccounts() {
        // The local tokens may submit for exactly the departments the local stack can publish for.
        assertThat(AccountsFile.readDefault().all()).extracting(Account::department).containsOnlyElementsOf(Tokens.LOCAL_DEPARTMENTS);
        assertThat(Tokens.LOCAL_DEPARTMENTS).allMatch(d -> AccountsFile.readDefault().find("sandbox", d).isPresent());
    }

    @Test
    void mistakesAreNamedWithTheirPlace() throws IOException {
        assertThatThrownBy(() -> AccountsFile.read(write("accounts:\n  - {platform: x, handle: a, language: de, department: HC, credentials: c}\n")))
                .hasMessageContaining("accounts[0]").hasMessageContaining("en, fr or bilingual");
        assertThatThrownBy(() -> AccountsFile.read(write("accounts:\n  - {platform: x, handle: a, language: en, credentials: c}\n")))
                .hasMessageContaining("'department' is required");
        assertThatThrownBy(() -> AccountsFile.read(write("accounts:\n  - {platform: x, handle: a, language: en, department: HC, credentials: c, token: s3cret}\n")))
                .hasMessageContaining("unknown field 'token'").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> AccountsFile.read(write("""
                accounts:
                  - {platform: x, handle: a, language: en, department: HC, credentials: c}
                  - {platform: x, handle: b, language: fr, department: hc, credentials: d}
                """))).hasMessageContaining("two x accounts for department");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), yaml);
    }
}
