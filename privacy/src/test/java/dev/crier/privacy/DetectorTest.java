package dev.crier.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorTest {

    private static Set<Kind> kinds(String text) {
        return Detector.detect(text).stream().map(Detection::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
    }

    /** Every evasion class of issue 12: the kind must be found, and cover the whole original finding. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SIN with no-break spaces           | 130\u00A0692\u00A0544                     | SIN
            SIN with narrow no-break spaces    | 130\u202F692\u202F544                     | SIN
            SIN with thin spaces               | 130\u2009692\u2009544                     | SIN
            SIN with ideographic spaces        | 130\u3000692\u3000544                     | SIN
            SIN in full-width digits           | \uFF11\uFF13\uFF10 \uFF16\uFF19\uFF12 \uFF15\uFF14\uFF14 | SIN
            SIN in Arabic-Indic digits         | \u0661\u0663\u0660\u0666\u0669\u0662\u0665\u0664\u0664 | SIN
            SIN in Devanagari digits           | \u0967\u0969\u0966-\u096C\u096F\u0968-\u096B\u096A\u096A | SIN
            SIN with em dashes                 | 130\u2014692\u2014544                     | SIN
            SIN with en dashes                 | 130\u2013692\u2013544                     | SIN
            SIN with minus signs               | 130\u2212692\u2212544                     | SIN
            SIN with minus-like hyphens        | 130\u2010692\u2011544                     | SIN
            SIN in dotted groups               | 130.692.544                               | SIN
            SIN split by zero-width characters | 13\u200B0 6\u200C92 5\u200D4\uFEFF4        | SIN
            SIN split by soft hyphens          | 130\u00AD692\u00AD544                     | SIN
            card with no-break spaces          | 4111\u00A01111\u00A01111\u00A01111        | PAYMENT_CARD
            card in full-width digits          | \uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11 | PAYMENT_CARD
            card with en dashes                | 4111\u20131111\u20131111\u20131111        | PAYMENT_CARD
            card with minus signs              | 4111\u22121111\u22121111\u22121111        | PAYMENT_CARD
            card in dotted fours               | 4111.1111.1111.1111                       | PAYMENT_CARD
            card split by word joiners         | 4111\u20601111\u20601111\u20601111        | PAYMENT_CARD
            e-mail split by zero-width spaces  | pat\u200B.smith@gma\u200Bil.com           | EMAIL
            e-mail with a full-width at sign   | pat.smith\uFF20gmail.com                  | EMAIL
            phone with no-break spaces         | 613\u00A0555\u00A00199                    | PHONE
            phone with full-width parentheses  | \uFF08613\uFF09 555\u20130199              | PHONE
            phone in Arabic-Indic digits       | \u0666\u0661\u0663-\u0665\u0665\u0665-\u0660\u0661\u0669\u0669 | PHONE
            password split by zero-width       | pass\u200Bword: hun\u200Bter2              | PASSWORD
            JWT split by zero-width            | eyJhbGciOiJIUzI1NiJ9.\u200BeyJzdWIiOiIxIn0.c2lnbmF0dXJl | JWT
            AWS key in full-width letters      | \uFF21\uFF2B\uFF29\uFF21IOSFODNN7EXAMPLE | AWS_ACCESS_KEY
            """)
    void findsWhatPeopleTypeAndCoversAllOfIt(String name, String finding, Kind kind) {
        String text = "x " + finding + " y";
        List<Detection> found = Detector.detect(text);
        assertThat(found).as(name).hasSize(1);
        Detection d = found.get(0);
        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.cueStart()).isEqualTo(2);
        assertThat(d.end()).isEqualTo(2 + finding.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Order 130 692 545 shipped
            Tracking 4111 1111 1111 1112
            Meeting on 2026\u201311\u201325 at 09:30
            Dates 2030.01.01 and 01.01.2030
            Reference \uFF11\uFF12\uFF13 \uFF14\uFF15\uFF16 \uFF17\uFF18\uFF19
            SIN 046 454 286 is not valid when it starts with 0 and 846 454 286 with 8
            Pi is 3.14159265358979 roughly
            Budget 1\u00A0234\u00A0567 dollars
            Version 10.2.1 is out, see 8.8.8.8
            Never share your password with anyone
            """)
    void leavesLookAlikesAlone(String text) {
        assertThat(kinds(text)).isEmpty();
    }

    @Test
    void aFindingNeverSplitsASurrogatePair() {
        String text = "NAS \uD835\uDFCF\uD835\uDFD1\uD835\uDFCE 692 544";
        Detection d = Detector.detect(text).get(0);
        assertThat(d.kind()).isEqualTo(Kind.SIN);
        assertThat(d.start()).isEqualTo(4);
        assertThat(d.end()).isEqualTo(text.length());
        assertThat(d.normalized()).isEqualTo("130 692 544");
    }

    @Test
    void aLabelledSecretIsTheValueAndItsCueTheWordBefore() {
        String text = "the Password is \"Hunter2!\" ok";
        Detection d = Detector.detect(text).get(0);
        assertThat(d.kind()).isEqualTo(Kind.PASSWORD);
        assertThat(text.substring(d.cueStart(), d.start())).isEqualTo("Password is \"");
        assertThat(text.substring(d.start(), d.end())).isEqualTo("Hunter2!");
        assertThat(kinds("api_key=AbC123xyz; Authorization: Bearer abc.def")).containsExactly(Kind.LABELLED_SECRET,
                Kind.BEARER_TOKEN);
    }

    @Test
    void aPrivateKeyIsItsWholeBlock() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\nProc-Type: 4,ENCRYPTED\n-----END RSA PRIVATE KEY-----";
        String text = "see " + key + " thanks.";
        Detection d = Detector.detect(text).get(0);
        assertThat(text.substring(d.start(), d.end())).isEqualTo(key);
        // Without a footer the body is still the key.
        String cut = "-----BEGIN PRIVATE KEY-----\nMIIBOgIBAAJBAK/x+y=";
        assertThat(Detector.detect(cut + ".").get(0).end()).isEqualTo(cut.length());
    }

    /**
     * The detectors run only when the one-pass gates let the text through, so a gate that said no where its detector
     * finds something would hide a secret. Strings built at random from the pieces the detectors react to must be
     * found the same with the gates as with every detector run; every kind is seen, so the check is not empty.
     */
    @Test
    void theGatesNeverHideAFinding() {
        List<String> pieces = List.of("0", "1", "4", "9", "13", "544", "0199", "4111", "\uFF14", "\u0661", " ", "  ",
                "\u00A0", "\u202F", "-", "\u2013", ".", "(", ")", "+", "+1 ", "\u200B", "\u00AD", "/", ":", "=", " is ",
                " est ", "\"", "'", "@", "\uFF20", "pat.smith", "canada.ca", "x", "Ab", "é", "\n", "\u212A", "password",
                "PassPhrase", "pass phrase", "PWD", "secret", "api_key", "API KEY", "Token", "mot de passe", "Bearer ",
                "eyJ", "eyj", "AKIA", "ASIA", "IOSFODNN7EXAMPLE", "ghp_", "github_pat_", "xoxb-", "abcdefghij0123456789",
                "-----BEGIN ", "RSA PRIVATE KEY-----", "-----END ", "-----BEGIN PRIVATE KEY-----", ".corp", ".internal",
                "build01", "10.", "192.168", "130 692 544", "4111 1111 1111 1111", "(613) 555-0199", "+1 613-555-0199",
                "2030-01-01T09:00:00Z", "passport", "pass", "passwd", "PASSCODE", "gh", "ghs_", "xox", "xoxp-", "172.",
                "172.16", "10.0", "192.", "Mot de passe", "access key");
        Random random = new Random(20261207);
        Set<Kind> seen = EnumSet.noneOf(Kind.class);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(16); k >= 0; k--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            Skeleton skeleton = Skeleton.of(text.toString());
            List<Detection> all = Detector.scan(skeleton, Detector.ALL);
            assertThat(Detector.scan(skeleton, Detector.gates(skeleton.text()))).as("\"%s\"", text).isEqualTo(all);
            all.forEach(d -> seen.add(d.kind()));
        }
        assertThat(seen).as("kinds found").isEqualTo(EnumSet.allOf(Kind.class));
    }
}
