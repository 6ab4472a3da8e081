package dev.crier.audit.domain.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

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
                .isEqualTo("[secret], [secret]; [secret]");
        assertThat(Masker.mask("Authorization: Bearer abc.def-123")).isEqualTo("Authorization: [secret]");
        assertThat(Masker.mask("key AKIAIOSFODNN7EXAMPLE")).isEqualTo("key [secret]");
    }

    @Test
    void leavesOrdinaryNumbersDatesAndTextAlone() {
        String text = "Flu clinics open Monday 2030-01-01 at 09:00; 123 456 789 visitors; budget 1 234 567 dollars.";
        assertThat(Masker.mask(text)).isSameAs(text);
        String dates = "Dates 2030\u201301\u201301 and 2030.01.01, order \uFF11\uFF12\uFF13 \uFF14\uFF15\uFF16 \uFF17\uFF18\uFF19.";
        assertThat(Masker.mask(dates)).isSameAs(dates);
    }

    /** The ways people and editors write numbers, addresses and tokens: each is masked, every one of its characters. */
    @Test
    void masksWhatIsWrittenWithOtherSpacesDigitsDashesAndZeroWidthCharacters() {
        assertThat(Masker.mask("SIN 130\u00A0692\u00A0544, 130\u202F692\u202F544, 130\u2009692\u2009544"))
                .isEqualTo("SIN [SIN], [SIN], [SIN]");
        assertThat(Masker.mask("NAS \uFF11\uFF13\uFF10 \uFF16\uFF19\uFF12 \uFF15\uFF14\uFF14 et \u0661\u0663\u0660\u0666\u0669\u0662\u0665\u0664\u0664"))
                .isEqualTo("NAS [SIN] et [SIN]");
        assertThat(Masker.mask("130\u2014692\u2014544, 130\u2013692\u2013544, 130.692.544, 1\u200B30\u200D692\u2060544\u00AD"))
                .isEqualTo("[SIN], [SIN], [SIN], [SIN]\u00AD");
        assertThat(Masker.mask("card \uFF14\uFF11\uFF11\uFF11\u00A01111\u00A01111\u00A01111 or 4111\u20131111\u20131111\u20131111"))
                .isEqualTo("card [card] or [card]");
        assertThat(Masker.mask("mail pat\u200B.smith@gm\u200Dail.com or pat\uFF20example.org"))
                .isEqualTo("mail [email] or [email]");
        assertThat(Masker.mask("call \uFF08613\uFF09\u00A0555\u2011\u0660\u0661\u0669\u0669"))
                .isEqualTo("call [phone]");
        assertThat(Masker.mask("pass\u200Bword: hun\u200Bter2 and eyJhbGciOi\u200BJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"))
                .isEqualTo("[secret] and [secret]");
        // A digit outside the basic plane: the mask takes both halves of its surrogate pair.
        assertThat(Masker.mask("\uD835\uDFCF30 692 544!")).isEqualTo("[SIN]!");
    }

    @Test
    void masksInternalAddressesAsThePolicyFlagsThem() {
        assertThat(Masker.mask("server build01.corp at 10.1.2.3")).isEqualTo("server [internal] at [internal]");
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
