package dev.crier.policy.domain.rules;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.TestEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people type to slip past a rule, class by class (issue 12): format characters inside words, look-alike letters,
 * odd spaces; placeholder alt text; partisan calls in their common forms. Escapes are written as \\uXXXX in the cases
 * and turned into the characters, so the test says which character each case hides.
 */
class EvasionTest {

    static final PolicyEngine GENERIC = TestEngines.engine("generic");

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i)) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    static List<Finding> findings(String text, String language, String rule) {
        return GENERIC.evaluate(TestEngines.draft(text, language, List.of("sandbox"), List.of())).findings().stream()
                .filter(f -> f.ruleId().equals(rule)).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            zero-width space        | Briefing: SE\\u200BCRET//REL CAN attached   | SE\\u200BCRET//REL CAN
            zero-width joiner       | This is TOP SEC\\u200DRET material         | TOP SEC\\u200DRET
            zero-width non-joiner   | Note CONFI\\u200CDENTIAL inside            | CONFI\\u200CDENTIAL
            word joiner             | Note CLASS\\u2060IFIED inside              | CLASS\\u2060IFIED
            byte order mark         | Note SE\\uFEFFCRET inside                  | SE\\uFEFFCRET
            soft hyphen             | Note SEC\\u00ADRET inside                  | SEC\\u00ADRET
            Cyrillic Е and С        | Note S\\u0415\\u0421RET inside              | S\\u0415\\u0421RET
            Cyrillic Т, Greek Ε     | Note SECR\\u0395\\u0422 inside              | SECR\\u0395\\u0422
            Greek Ν, Ι, Α, Τ        | Note CONFIDE\\u039D\\u03A4\\u0399\\u0391L inside | CONFIDE\\u039D\\u03A4\\u0399\\u0391L
            full-width letters      | Note \\uFF33\\uFF25\\uFF23\\uFF32\\uFF25\\uFF34 inside | \\uFF33\\uFF25\\uFF23\\uFF32\\uFF25\\uFF34
            full-width REL CAN      | SECRET//\\uFF32\\uFF25\\uFF2C CAN brief     | SECRET//\\uFF32\\uFF25\\uFF2C CAN
            no-break space          | Marked PROTECTED\\u00A0B today             | PROTECTED\\u00A0B
            narrow no-break space   | Marked PROTECTED\\u202FB today             | PROTECTED\\u202FB
            em space in TOP SECRET  | A TOP\\u2003SECRET file                    | TOP\\u2003SECRET
            ideographic space       | Marked protected\\u3000b today             | protected\\u3000b
            ogham space mark        | Marked protected\\u1680b today             | protected\\u1680b
            French, accent and NBSP | Document TRÈS\\u00A0SECRET du ministère    | TRÈS\\u00A0SECRET
            Cyrillic in a phrase    | Marked pr\\u043Et\\u0435cted b today        | pr\\u043Et\\u0435cted b
            """)
    void markingsSurviveHowPeopleTypeThem(String what, String text, String marking) {
        String t = unescape(text);
        List<Finding> found = findings(t, "en", "confidential.marking");
        assertThat(found).as(what).hasSize(1);
        Finding f = found.get(0);
        // The span is in the original text, around the characters the author typed (hidden ones included).
        assertThat(t.substring(f.start(), f.end())).as(what).isEqualTo(unescape(marking));
        assertThat(f.excerpt()).isEqualTo(unescape(marking));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            The secret to a good winter is layers
            Keep s\\u0435cret santa gifts under $20
            Secret\\u200BLab opens to the public
            SECRETARIAT of the committee
            """)
    void lowerCaseAndLongerWordsAreStillNotMarkings(String text) {
        assertThat(findings(unescape(text), "en", "confidential.marking")).isEmpty();
    }

    @Test
    void aSpanEndingBeforeACombiningMarkTakesTheMarkAlong() {
        String t = "Note SECRET\u0301 inside";
        Finding f = findings(t, "en", "confidential.marking").get(0);
        assertThat(t.substring(f.start(), f.end())).isEqualTo("SECRET\u0301");
    }

    @Test
    void aProfaneEmojiIsMaskedWholeNeverAsHalfASurrogatePair() {
        String t = "\uD83D\uDD95 to whoever left trash at the beach.";
        Finding f = findings(t, "en", "language.profanity").get(0);
        assertThat(f.excerpt()).isEqualTo("*");
        assertThat(f.start()).isZero();
        assertThat(f.end()).isEqualTo(2);
        Finding word = findings("What the f\u200Buck", "en", "language.profanity").get(0);
        assertThat(word.excerpt()).isEqualTo("f***");
    }

    static List<String> altTextProblems(String alt, String post) {
        Draft d = TestEngines.draft(post, "en", List.of("sandbox"), List.of(new Draft.Media("https://www.canada.ca/a.jpg", alt, "image/jpeg")));
        return GENERIC.evaluate(d).findings().stream().filter(f -> f.ruleId().equals("accessibility.alt-text"))
                .map(Finding::message).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            image                          | a placeholder word
            Photo.                         | a placeholder word
            A PICTURE                      | a placeholder word
            the graphic                    | a placeholder word
            Our logo                       | a placeholder word
            img                            | a placeholder word
            pic                            | a placeholder word
            Screenshot                     | a placeholder word
            Une illustration               | a placeholder word
            Le graphique                   | a placeholder word
            Capture d'écran                | a placeholder word
            capture d’écran                | a placeholder word
            IMG_1234.jpg                   | a file name
            photo-final.png                | a file name
            DSC0001                        | a file name
            PXL_20261103_140233            | a file name
            Flu clinics open Monday!       | the post's own text repeated
            Canoes                         | too short to describe it
            Prime Minister                 | too short to describe it
            A b c d                        | too short to describe it
            """)
    void altTextThatSaysNothingIsNotAltText(String alt, String problem) {
        assertThat(altTextProblems(alt, "Flu clinics open Monday!")).singleElement().asString().contains(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Canoes on a dock
            A photo of the Prime Minister at a flu clinic
            Logo of the Canada Revenue Agency on a building
            Chart from report.png showing weekly flu cases
            Une infirmière vaccine une enfant
            """)
    void altTextThatDescribesPasses(String alt) {
        assertThat(altTextProblems(alt, "Flu clinics open Monday!")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Vote Liberal on Monday.                          | en
            Vote for the Liberal candidate in your riding.   | en
            vote green this fall                             | en
            Vote NDP!                                        | en
            Vote for the Conservatives on April 28.          | en
            Re-elect the Saskatchewan Party.                 | en
            Donate to the Ontario PC campaign today.         | en
            Give to the BC NDP before midnight.              | en
            Join the UCP and make a difference.              | en
            Become a member of the Green Party of Ontario.   | en
            Vote CAQ on October 3.                           | en
            Support the United Conservative Party.           | en
            Votez libéral lundi.                             | fr
            Votez pour le Bloc le 28 avril.                  | fr
            Votez pour le Parti vert.                        | fr
            Votez Québec solidaire.                          | fr
            Faites un don au Parti Québécois.                | fr
            Adhérez au PQ dès aujourd'hui.                   | fr
            Devenez membre de la Coalition Avenir Québec.    | fr
            Donnez au Parti libéral du Québec.               | fr
            Votez pour le NPD de l'Ontario.                  | fr
            """)
    void partisanCallsInTheirCommonForms(String text, String language) {
        assertThat(findings(text, language, "neutrality.partisan")).as(text).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Study the liberal arts at a college near you.            | en
            Budget 2026 uses a conservative estimate of growth.      | en
            Enjoy the green space at the new park.                   | en
            Vote in the election on April 28.                        | en
            Join us to plant trees in the green belt.                | en
            Support green jobs in your community.                    | en
            Give to the food bank this winter.                       | en
            Become a member of your local library.                   | en
            Votez à l'élection fédérale le 28 avril.                 | fr
            Appuyez sur le bouton vert pour commencer.               | fr
            Faites un don à la Croix-Rouge.                          | fr
            Devenez membre de la bibliothèque, c'est gratuit.        | fr
            The Saskatchewan Party tabled a bill. Vote on Monday.    | en
            """)
    void hardNegativesStayClean(String text, String language) {
        assertThat(findings(text, language, "neutrality.partisan")).as(text).isEmpty();
    }
}
