package dev.crier.audit.domain.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MaskerTest {

    @Test
    void masksEachKindOfPersonalInformationAndSecret() {
        assertThat(Masker.mask("SIN 130 692 544 and 130-692-544 and 130692544"))
                .isEqualTo("SIN [SIN] and [SIN] and [SIN]");
        assertThat(Masker.mask("card 4111 1111 1111 1111 or 5500-0000-0000-0004"))
                .isEqualTo("card [card] or [card]");
        assertThat(Masker.mask("write to pat.smith@canada.ca")).isEqualTo("write to [email]");
        assertThat(Masker.mask("call (613) 555-0199 or +1 613-555-0199")).isEqualTo("call [phone] or [phone]");
        assertThat(Masker.mask("password: hunter2, api_key=AbC123xyz; mot de passe est Soleil42"))
                .isEqualTo("password: [secret], api_key=[secret]; mot de passe est [secret]");
        assertThat(Masker.mask("Authorization: Bearer abc.def-123")).isEqualTo("Authorization: Bearer [secret]");
        assertThat(Masker.mask("key AKIAIOSFODNN7EXAMPLE")).isEqualTo("key [secret]");
    }

    @Test
    void leavesOrdinaryNumbersDatesAndTextAlone() {
        String text = "Flu clinics open Monday 2030-01-01 at 09:00; 123 456 789 visitors; budget 1 234 567 dollars.";
        assertThat(Masker.mask(text)).isSameAs(text);
        assertThat(Masker.luhn("130692544")).isTrue();
        assertThat(Masker.luhn("123456789")).isFalse();
    }

    /**
     * Each rule's regular expression runs only when its gate lets the text through, so a gate that said no where its
     * pattern finds something would hide a secret. Strings built at random from the pieces the patterns are made of
     * (digits with every separator, keywords in mixed case, @, JWT and key prefixes) must never do that; each rule is
     * also seen to match, so that the check is not empty.
     */
    @Test
    void noGateRefusesATextItsPatternFindsSomethingIn() {
        List<String> pieces = List.of("0", "1", "4", "9", "13", "544", "0199", "4111", " ", "  ", "-", ".", "(", ")", "+",
                "+1 ", "/", ":", "=", " is ", " est ", "\"", "'", "@", "pat.smith", "canada.ca", "x", "Ab", "é", "\n",
                "\u212A", "password", "PassPhrase", "pass phrase", "PWD", "secret", "api_key", "API KEY", "access-key",
                "Token", "mot de passe", "Bearer ", "bearer\t", "eyJ", "eyj", "AKIA", "ASIA", "IOSFODNN7EXAMPLE",
                "-----BEGIN ", "RSA PRIVATE KEY-----", "-----END ", "-----BEGIN PRIVATE KEY-----",
                "-----END EC PRIVATE KEY-----", "130 692 544", "4111 1111 1111 1111",
                "(613) 555-0199", "+1 613-555-0199", "2030-01-01T09:00:00Z");
        Random random = new Random(20261202);
        int[] found = new int[Masker.RULES.size()];
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(16); k >= 0; k--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            for (int r = 0; r < Masker.RULES.size(); r++) {
                Masker.Rule rule = Masker.RULES.get(r);
                if (rule.pattern().matcher(text).find()) {
                    found[r]++;
                    assertThat(Masker.gates(text.toString()) & rule.gate()).as("rule %d's gate on \"%s\"", r, text)
                            .isNotZero();
                }
            }
        }
        assertThat(found).as("texts each rule found something in").doesNotContain(0);
    }

    @Test
    void theNumberGateLetsThroughNineDigitsWithShortSeparatorsOnly() {
        assertThat(digitRun("SIN 130692544")).isTrue();
        assertThat(digitRun("+1 (613) 555-0199")).isTrue();
        assertThat(digitRun("12.34.56.78.9")).isTrue();
        assertThat(digitRun("2030-01-01T09:00:00Z")).isFalse();
        assertThat(digitRun("Flu clinics open Monday 12345678.")).isFalse();
        assertThat(digitRun("123 - - 456 789")).isFalse();
        assertThat(digitRun("u-12, cms-1234567")).isFalse();
    }

    private static boolean digitRun(String text) {
        return (Masker.gates(text) & Masker.DIGIT_RUN) != 0;
    }

    @Test
    void aSensitivePayloadIsStoredMaskedWithTheOriginalsHashAndAnOrdinaryOneByteForByte() throws Exception {
        String postId = "0b7e3f1c-5d2a-4e8b-9c1f-2a3b4c5d6e7f";
        byte[] original = ("{\"postId\":\"" + postId + "\",\"draft\":{\"text\":\"My SIN is 130 692 544\","
                + "\"translations\":{\"fr\":\"carte 4111111111111111\"}},\"hash\":\"" + "d".repeat(64) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        var stored = new ObjectMapper().readTree(PayloadMasker.mask(original).bytes());
        assertThat(stored.at("/draft/text").asText()).isEqualTo("My SIN is [SIN]");
        assertThat(stored.at("/draft/translations/fr").asText()).isEqualTo("carte [card]");
        assertThat(stored.at("/postId").asText()).isEqualTo(postId);
        assertThat(stored.at("/hash").asText()).isEqualTo("d".repeat(64));
        assertThat(stored.at("/" + PayloadMasker.ORIGINAL_HASH).asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)));

        byte[] plain = "{\"draft\":{\"text\":\"Flu clinics open Monday.\"}}  ".getBytes(StandardCharsets.UTF_8);
        assertThat(PayloadMasker.mask(plain).bytes()).isSameAs(plain);
        assertThat(new String(PayloadMasker.mask("not json, SIN 130 692 544".getBytes(StandardCharsets.UTF_8)).bytes(),
                StandardCharsets.UTF_8)).isEqualTo("not json, SIN [SIN]");
    }

    /** The query columns are read from the JSON that mask gives back: it must be what the stored bytes hold. */
    @Test
    void theStoredJsonIsTheObjectTheStoredBytesHold() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> payloads = List.of(
                "{\"draft\":{\"text\":\"Flu clinics open Monday.\",\"author\":{\"id\":\"u-1\"}}}",
                "{\"draft\":{\"text\":\"SIN 130 692 544\",\"platforms\":[\"x\",\"pat@canada.ca\"]}}",
                "[\"an array, SIN 130 692 544\"]",
                "not json, SIN 130 692 544",
                // A raw line break makes this unreadable until the key block holding it is masked.
                "{\"decision\":\"-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\"}");
        for (String payload : payloads) {
            PayloadMasker.Stored stored = PayloadMasker.mask(payload.getBytes(StandardCharsets.UTF_8));
            JsonNode parsed;
            try {
                parsed = json.readTree(stored.bytes());
            } catch (JsonProcessingException e) {
                parsed = null;
            }
            assertThat(stored.json()).as(payload).isEqualTo(parsed != null && parsed.isObject() ? parsed : null);
        }
        assertThat(PayloadMasker.mask(payloads.get(4).getBytes(StandardCharsets.UTF_8)).json().path("decision")
                .asText()).isEqualTo("[secret]");
    }
}
