package dev.crier.policy.domain.rules;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.TestEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule on its own: what it must find, and the look-alikes it must leave alone. */
class RulesTest {

    static final PolicyEngine GENERIC = TestEngines.engine("generic");

    static List<String> rules(Draft draft) {
        return GENERIC.evaluate(draft).findings().stream().map(Finding::ruleId).distinct().sorted().toList();
    }

    static List<String> rules(String text, String language) {
        return rules(TestEngines.draft(text, language, List.of("sandbox"), List.of()));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            en | Briefing note SECRET//REL CAN attached                 | confidential.marking
            en | This is TOP SECRET material                            | confidential.marking
            en | Marked protected b, do not share                       | confidential.marking
            fr | Document très secret du ministère                      | confidential.marking
            en | The secret to a good winter is layers                   | -
            en | Keep your information confidential                      | -
            en | Embargoed until 10 a.m. Tuesday                         | confidential.embargo
            en | DRAFT – DO NOT PUBLISH: new funding                      | confidential.embargo
            fr | Ébauche - ne pas publier                                 | confidential.embargo
            en | Update on Project Nightjar timelines                    | confidential.codename
            en | My SIN is 130 692 544                                   | privacy.sin
            en | Order 130 692 545 shipped                               | -
            en | Pay with 4111 1111 1111 1111 today                      | privacy.payment-card
            en | Tracking 4111 1111 1111 1112                            | -
            en | Write to pat.smith@gmail.com                            | privacy.email
            en | Write to info@canada.ca or media@hc-sc.gc.ca            | -
            en | Call Pat at (613) 555-0199                              | privacy.phone
            en | Call 1-800-622-6232 or 613-555-0100                     | -
            en | Meeting on 2026-11-25 at 09:30                          | -
            en | The password: Hunter2! works                            | security.credential
            fr | Le mot de passe est Soleil2026                          | security.credential
            en | Key AKIAIOSFODNN7EXAMPLE leaked                         | security.credential
            en | Server at 192.168.1.20 and build01.corp                 | security.credential
            en | Never share your password with anyone                   | -
            en | Version 10.2.1 is out, see 8.8.8.8                      | -
            en | What the fuck is this                                   | language.profanity
            en | What the f*ck is this                                   | language.profanity
            en | This is sh1t                                            | language.profanity
            en | s h i t happens                                         | language.profanity
            en | Scunthorpe assessment of the Essex cocktail assistant   | -
            en | A mosquito bite and the pros and cons                   | -
            fr | Quelle merde                                            | language.profanity
            fr | Une conférence sur le contenu de la consultation        | -
            en | Details at http://example.org/info                      | sharing.link
            en | Details at bit.ly/3xYz                                  | sharing.link
            en | Details at https://leakdump.net/x                       | sharing.link
            en | Details at http://canada.ca/flu and https://example.org | -
            en | Vote for the Liberal Party on Monday                    | neutrality.partisan
            fr | Votez pour le Bloc Québécois                            | neutrality.partisan
            en | The Conservative Party tabled a motion today            | -
            en | Vote in the federal election. The NDP held a rally.    | -
            en | Get ready with #getyourflushot today                     | accessibility.hashtag
            en | Get ready with #GetYourFluShot and #flushot             | -
            """)
    void findsWhatItShouldAndOnlyThat(String language, String text, String expected) {
        assertThat(rules(text.replace("\\n", "\n"), language)).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    /**
     * Issue 12: the ways people and editors write numbers, addresses and secrets (other spaces, dashes and dots as
     * separators, other decimal digits, zero-width and format characters inside) are found, and the finding covers
     * exactly the original characters, while the masked excerpt shows no more than the last three digits.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SIN with no-break spaces          | 130\u00A0692\u00A0544                      | privacy.sin          | ***\u0020***\u0020544
            SIN with narrow no-break spaces   | 130\u202F692\u202F544                      | privacy.sin          | ***\u0020***\u0020544
            SIN with thin spaces              | 130\u2009692\u2009544                      | privacy.sin          | ***\u0020***\u0020544
            SIN in full-width digits          | \uFF11\uFF13\uFF10\uFF16\uFF19\uFF12\uFF15\uFF14\uFF14 | privacy.sin | ******544
            SIN in Arabic-Indic digits        | \u0661\u0663\u0660 \u0666\u0669\u0662 \u0665\u0664\u0664 | privacy.sin | ***\u0020***\u0020544
            SIN with em dashes                | 130\u2014692\u2014544                      | privacy.sin          | ***-***-544
            SIN with en dashes                | 130\u2013692\u2013544                      | privacy.sin          | ***-***-544
            SIN in dotted groups              | 130.692.544                                | privacy.sin          | ***.***.544
            SIN split by zero-width spaces    | 130\u200B692\u200B544                      | privacy.sin          | ******544
            SIN with a word joiner and BOM    | 13\u20600\u00A0692\u00A05\uFEFF44          | privacy.sin          | ***\u0020***\u0020544
            card with no-break spaces         | 4111\u00A01111\u00A01111\u00A01111          | privacy.payment-card | ****\u0020****\u0020****\u0020*111
            card in full-width digits         | \uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 | privacy.payment-card | ****\u0020****\u0020****\u0020*111
            card with em dashes               | 4111\u20141111\u20141111\u20141111          | privacy.payment-card | ****-****-****-*111
            card in dotted fours              | 4111.1111.1111.1111                        | privacy.payment-card | ****.****.****.*111
            card split by zero-width joiners  | 4111\u200D1111\u200D1111\u200D1111          | privacy.payment-card | *************111
            e-mail split by zero-width spaces | pat.\u200Bsmith@gm\u200Bail.com             | privacy.email        | p***@gmail.com
            e-mail with a full-width at sign  | pat.smith\uFF20gmail.com                   | privacy.email        | p***@gmail.com
            phone with no-break spaces        | 613\u00A0555\u00A00199                      | privacy.phone        | ***\u0020***\u0020*199
            phone in full-width digits        | \uFF16\uFF11\uFF13-\uFF15\uFF15\uFF15-\uFF10\uFF11\uFF19\uFF19 | privacy.phone | ***-***-*199
            phone with en dashes and ZWSP     | 613\u2013555\u2013\u200B0199                | privacy.phone        | ***-***-*199
            """)
    void personalInformationIsFoundHoweverItIsTyped(String name, String written, String rule, String excerpt) {
        String text = "Reach Pat: " + written + " today";
        var findings = GENERIC.evaluate(TestEngines.draft(text, "en", List.of("sandbox"), List.of())).findings();
        assertThat(findings).as(name).extracting(Finding::ruleId).containsExactly(rule);
        Finding f = findings.get(0);
        assertThat(text.substring(f.start(), f.end())).isEqualTo(written);
        assertThat(f.excerpt()).isEqualTo(excerpt);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            en | The pass\u200Bword: Hunter2! works                         | security.credential
            en | Token eyJhbGciOiJIUzI1NiJ9.\u200BeyJzdWIiOiIxIn0.c2lnbmF0dXJl | security.credential
            en | Key \uFF21\uFF2B\uFF29\uFF21IOSFODNN7EXAMPLE leaked          | security.credential
            en | Order \uFF11\uFF13\uFF10 \uFF16\uFF19\uFF12 \uFF15\uFF14\uFF15 shipped | -
            en | Tracking 4111\u00A01111\u00A01111\u00A01112              | -
            en | Meeting on 2026\u201311\u201325 and 2026.11.25           | -
            en | Call 1\u2011800\u2011622\u20116232                        | -
            en | Write to info\u200B@canada.ca                             | -
            """)
    void secretsAreFoundHoweverTheyAreTypedAndLookAlikesStillPass(String language, String text, String expected) {
        assertThat(rules(text, language)).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void findingsPointAtTheOriginalTextAndMaskPersonalInformation() {
        String text = "Call Pat at (613) 555-0199 today";
        Finding f = GENERIC.evaluate(TestEngines.draft(text, "en", List.of("sandbox"), List.of())).findings().get(0);
        assertThat(text.substring(f.start(), f.end())).isEqualTo("(613) 555-0199");
        assertThat(f.excerpt()).isEqualTo("(***) ***-*199");
        assertThat(f.sensitive()).isTrue();
        assertThat(f.messageFr()).isNotBlank();
        assertThat(f.fix()).isNotBlank();
    }

    @Test
    void mildProfanityIsReviewedSevereIsBlocked() {
        var mild = GENERIC.evaluate(TestEngines.draft("Well damn", "en", List.of("sandbox"), List.of())).findings();
        var severe = GENERIC.evaluate(TestEngines.draft("Well fuck", "en", List.of("sandbox"), List.of())).findings();
        assertThat(mild).extracting(Finding::action).containsExactly(Finding.Action.REVIEW);
        assertThat(severe).extracting(Finding::action).containsExactly(Finding.Action.BLOCK);
    }

    @Test
    void lengthIsCountedThePlatformsWay() {
        String text = "a".repeat(290);
        var findings = GENERIC.evaluate(TestEngines.draft(text, "en", List.of("x", "mastodon", "bluesky"), List.of())).findings();
        assertThat(findings).extracting(Finding::ruleId).containsExactly("platform.length");
        assertThat(findings.get(0).message()).contains("x (290 of 280)").doesNotContain("mastodon").doesNotContain("bluesky");
        // A URL counts 23 on X whatever its length.
        String withUrl = "b".repeat(250) + " https://www.canada.ca/" + "c".repeat(60);
        assertThat(rules(TestEngines.draft(withUrl, "en", List.of("x"), List.of()))).isEmpty();
        // Emoji count 2 on X and one grapheme on Bluesky, even a family emoji built from several code points.
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(PlatformLimits.length("bluesky", family)).isEqualTo(1);
        assertThat(PlatformLimits.length("x", "\uD83D\uDE00")).isEqualTo(2);
    }

    @Test
    void theXCountWithoutTheParserAgreesWithTwitterText() {
        var texts = new java.util.ArrayList<String>(List.of("see https://canada.ca/flu and http://x.example.com/a?b=c",
                "www.canada.ca, canada.ca/sante! \u00e9t\u00e9 https://t.co/abc", "\uD83D\uDE00 https://canada.ca"));
        dev.crier.policy.corpus.Corpus.load().forEach(e -> {
            texts.add(e.text());
            texts.addAll(e.translations().values());
        });
        for (String text : texts) {
            assertThat(PlatformLimits.length("x", text)).as(text)
                    .isEqualTo(com.twitter.twittertext.TwitterTextParser.parseTweet(text).weightedLength);
        }
    }

    @Test
    void tooManyMediaAndMissingAltText() {
        var media = List.of(new Draft.Media("https://canada.ca/1.png", "one", "image/png"),
                new Draft.Media("https://canada.ca/2.png", "two", "image/png"),
                new Draft.Media("https://canada.ca/3.png", "three", "image/png"),
                new Draft.Media("https://canada.ca/4.png", "four", "image/png"),
                new Draft.Media("https://canada.ca/5.png", "IMG_2041.jpg", "image/png"));
        assertThat(rules(TestEngines.draft("Photos", "en", List.of("x", "facebook"), media)))
                .containsExactly("accessibility.alt-text", "platform.media");
    }

    @Test
    void repostsOfOutsideSourcesAreReviewed() {
        var outside = new Draft("Worth a read", "en", Map.of(), List.of("sandbox"), List.of(), new Draft.Author("u", null, null),
                null, null, "https://news.example.com/story", null);
        var own = new Draft("Worth a read", "en", Map.of(), List.of("sandbox"), List.of(), new Draft.Author("u", null, null),
                null, null, "https://www.canada.ca/en/news.html", null);
        assertThat(rules(outside)).containsExactly("sharing.repost");
        assertThat(rules(own)).isEmpty();
    }

    @Test
    void plainLanguageFlagsDenseEnglishOnly() {
        String dense = "The implementation of comprehensive intergovernmental administrative modernization initiatives "
                + "necessitates substantial organizational transformation, considerable interdepartmental coordination, "
                + "and extraordinary institutional commitment throughout the forthcoming fiscal year.";
        String plain = "We are opening new flu clinics next week. You can get your shot for free. Bring your health card. "
                + "Ask us if you need help.";
        assertThat(rules(dense, "en")).containsExactly("accessibility.plain-language");
        assertThat(rules(plain, "en")).isEmpty();
        assertThat(PlainLanguageRule.syllables("table")).isEqualTo(2);
        assertThat(PlainLanguageRule.syllables("make")).isEqualTo(1);
    }

    @Test
    void officialLanguagesNeedsBothVersionsInTheirOwnLanguage() {
        PolicyEngine federal = TestEngines.engine("canada-federal");
        var missing = federal.evaluate(TestEngines.draft("Flu clinics open Monday in every region.", "en", List.of("sandbox"), List.of()));
        assertThat(missing.findings()).extracting(Finding::ruleId).containsExactly("languages.official");
        var wrong = federal.evaluate(TestEngines.bilingual("Flu clinics open Monday in every region.",
                "Flu clinics open Monday in every single region."));
        assertThat(wrong.findings()).extracting(Finding::ruleId).containsExactly("languages.official");
        assertThat(wrong.findings().get(0).version()).isEqualTo("fr");
    }
}
