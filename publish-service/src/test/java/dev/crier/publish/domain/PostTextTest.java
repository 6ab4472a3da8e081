package dev.crier.publish.domain;

import dev.crier.events.Draft;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostTextTest {

    final Draft draft = new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
            List.of("x"), List.of(), new Draft.Author("u-1", null, "HC"), null, null, null, null);

    @Test
    void eachAccountGetsItsLanguageAndABilingualOneBothEnglishFirst() {
        assertThat(PostText.forAccount(draft, account(Account.Language.EN)))
                .isEqualTo(new PostText("Flu clinics open Monday.", List.of("en")));
        assertThat(PostText.forAccount(draft, account(Account.Language.FR)))
                .isEqualTo(new PostText("Les cliniques ouvrent lundi.", List.of("fr")));
        assertThat(PostText.forAccount(draft, account(Account.Language.BILINGUAL)))
                .isEqualTo(new PostText("Flu clinics open Monday.\n\nLes cliniques ouvrent lundi.", List.of("en", "fr")));
    }

    @Test
    void aFrenchDraftStillGivesTheEnglishAccountItsEnglishTranslation() {
        var french = new Draft("Les cliniques ouvrent lundi.", "fr", Map.of("en", "Clinics open Monday."), List.of("x"),
                List.of(), null, null, null, null, null);

        assertThat(PostText.forAccount(french, account(Account.Language.EN)).text()).isEqualTo("Clinics open Monday.");
    }

    @Test
    void aMissingVersionFailsClearly() {
        var englishOnly = new Draft("Flu clinics open Monday.", "en", Map.of(), List.of("x"), List.of(), null, null,
                null, null, null);

        assertThatThrownBy(() -> PostText.forAccount(englishOnly, account(Account.Language.BILINGUAL)))
                .isInstanceOf(NotPublishableException.class).hasMessageContaining("no French version")
                .hasMessageContaining("bilingual account x:hc");
    }

    @Test
    void aDraftWithMediaIsNeverPublishedWithoutThem() {
        var withImage = new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
                List.of("x"), List.of(new Draft.Media("https://canada.ca/a.png", "A nurse", "image/png")), null, null,
                null, null, null);

        assertThatThrownBy(() -> PostText.forAccount(withImage, account(Account.Language.BILINGUAL)))
                .isInstanceOf(NotPublishableException.class).hasMessageContaining("1 image(s) or video(s)")
                .hasMessageContaining("not published without them");
    }

    @Test
    void aTextTooLongForThePlatformIsNeverCutButFailsWithItsCount() {
        PlatformConnector tenChars = CountingConnector.publishing("x").withMaxLength(10);
        var text = PostText.forAccount(draft, account(Account.Language.BILINGUAL));

        assertThatThrownBy(() -> text.checkFits(tenChars, account(Account.Language.BILINGUAL)))
                .isInstanceOf(NotPublishableException.class)
                .hasMessage("the bilingual text is 54 characters as x counts them, over its limit of 10; "
                        + "the account needs both versions in one post");
    }

    static Account account(Account.Language language) {
        return new Account("x", "hc", language, "HC", "hc-x", Map.of());
    }
}
