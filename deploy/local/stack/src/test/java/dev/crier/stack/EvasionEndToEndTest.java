package dev.crier.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.crier.stack.EndToEndTest.as;
import static dev.crier.stack.EndToEndTest.sandboxPostsOf;
import static dev.crier.stack.EndToEndTest.timeline;
import static dev.crier.stack.EndToEndTest.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ways people really type, across the running stack: a draft of each evasion class is rejected or sent to review
 * as its rule says, is never published, and where it carries personal information or a secret, no record the audit
 * holds for it (drafts.submitted included) shows it unmasked.
 */
class EvasionEndToEndTest {

    static final Duration FLOW = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();
    @BeforeAll
    static void start() {
        EndToEndTest.stack = SharedStack.get();
    }

    /**
     * One evasion class: the words around the sensitive part, the part itself (empty where nothing is to be masked),
     * the status the draft must end in and the rule that must say why.
     */
    record Evasion(String name, String english, String french, String sensitive, String media, String status, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Evasion> evasions() {
        String nbsp = "130\u00A0692\u00A0544";
        String narrow = "130\u202F692\u202F544";
        String thin = "130\u2009692\u2009544";
        String fullWidth = "\uFF11\uFF13\uFF10 \uFF16\uFF19\uFF12 \uFF15\uFF14\uFF14";
        String arabicIndic = "\u0661\u0663\u0660-\u0666\u0669\u0662-\u0665\u0664\u0664";
        String dashes = "130\u2013692\u2014544";
        String zeroWidth = "130\u200B692\u200B544";
        String card = "4111\u00A01111\u00A01111\u00A01111";
        String email = "pat.tremblay\u200B@gmail.com";
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEyMyJ9.c2lnbmF0dXJlLW9mLWEtdG9rZW4";
        return Stream.of(
                pii("SIN with no-break spaces", "Please update my file, SIN %s, before Friday.", "Mettez à jour mon dossier, NAS %s, avant vendredi.", nbsp, "REJECTED", "privacy.sin"),
                pii("SIN with narrow no-break spaces", "My SIN is %s for the benefit claim.", "Mon NAS est %s pour la demande de prestations.", narrow, "REJECTED", "privacy.sin"),
                pii("SIN with thin spaces", "Client SIN %s was verified today.", "Le NAS %s du client a été vérifié aujourd’hui.", thin, "REJECTED", "privacy.sin"),
                pii("SIN in full-width digits", "Applicant SIN %s needs a call back.", "Le NAS %s du demandeur attend un rappel.", fullWidth, "REJECTED", "privacy.sin"),
                pii("SIN in Arabic-Indic digits", "Applicant SIN %s needs a call back.", "Le NAS %s du demandeur attend un rappel.", arabicIndic, "REJECTED", "privacy.sin"),
                pii("SIN grouped with dashes", "Reference SIN %s in the reply.", "Indiquez le NAS %s dans la réponse.", dashes, "REJECTED", "privacy.sin"),
                pii("SIN split by zero-width spaces", "Reference SIN %s in the reply.", "Indiquez le NAS %s dans la réponse.", zeroWidth, "REJECTED", "privacy.sin"),
                pii("card number with no-break spaces", "Pay the permit fee with card %s today.", "Payez le permis avec la carte %s aujourd’hui.", card, "REJECTED", "privacy.payment-card"),
                pii("e-mail split by a zero-width space", "Write to %s with your questions.", "Écrivez à %s pour vos questions.", email, "NEEDS_REVIEW", "privacy.email"),
                pii("a JSON web token", "Use the token %s for the portal.", "Utilisez le jeton %s pour le portail.", jwt, "REJECTED", "security.credential"),
                plain("marking split by a zero-width space", "SE\u200BCRET: briefing notes for the minister.", "SE\u200BCRET : notes d’information pour la ministre.", "REJECTED", "confidential.marking"),
                plain("marking with a Cyrillic letter", "S\u0415CRET briefing notes for the minister.", "S\u0415CRET notes d’information pour la ministre.", "REJECTED", "confidential.marking"),
                new Evasion("alt text that is a placeholder", "Our new park opens Saturday.", "Notre nouveau parc ouvre samedi.", "",
                        "[{\"url\": \"https://www.canada.ca/park.jpg\", \"altText\": \"image\"}]", "REJECTED", "accessibility.alt-text"),
                new Evasion("alt text that is a file name", "Our new park opens Saturday.", "Notre nouveau parc ouvre samedi.", "",
                        "[{\"url\": \"https://www.canada.ca/park.jpg\", \"altText\": \"IMG_1234.jpg\"}]", "REJECTED", "accessibility.alt-text"),
                plain("a plain call to vote for a party", "Vote Liberal on Monday for better transit.", "Votez libéral lundi pour un meilleur transport en commun.", "NEEDS_REVIEW", "neutrality.partisan"),
                plain("a French call to vote for a party", "Vote for the Bloc Québécois on Monday.", "Votez Bloc Québécois lundi prochain.", "NEEDS_REVIEW", "neutrality.partisan"));
    }

    static Evasion pii(String name, String english, String french, String sensitive, String status, String rule) {
        return new Evasion(name, english.formatted(sensitive), french.formatted(sensitive), sensitive, null, status, rule);
    }

    static Evasion plain(String name, String english, String french, String status, String rule) {
        return new Evasion(name, english, french, "", null, status, rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evasions")
    void isStoppedAsItsRuleSaysNeverPublishedAndAuditedMasked(Evasion evasion) throws Exception {
        String id = submit(evasion);

        await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(status(id)).isEqualTo(evasion.status()));
        List<String> rules = given(as("auditor")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                .extract().jsonPath().getList("decision.reasons.ruleId", String.class);
        assertThat(rules).as("the rules that decided").contains(evasion.rule());
        await().atMost(FLOW).untilAsserted(() -> assertThat(timeline(id))
                .contains("dev.crier.draft.submitted", "dev.crier.post.decided"));

        assertThat(sandboxPostsOf(id)).as("posts on the sandbox").isEmpty();
        assertThat(status(id)).as("still not published").isEqualTo(evasion.status());
        if (!evasion.sensitive().isEmpty()) {
            // Parsed and written again by Jackson, which writes every character as itself, never as an escape.
            String audited = JSON.readTree(given(as("auditor")).get(url("audit") + "/v1/audit/posts/" + id)
                    .then().statusCode(200).extract().asString()).path("records").toString();
            assertThat(audited).as("the audit's records of the draft").contains("dev.crier.draft.submitted");
            assertThat(audited).as("the audit's records of the draft").doesNotContain(evasion.sensitive())
                    .doesNotContain(withoutFormatCharacters(evasion.sensitive()));
        }
    }

    /** The sensitive part as a reader sees it: zero-width and other format characters dropped. */
    static String withoutFormatCharacters(String text) {
        return text.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    static String submit(Evasion evasion) throws Exception {
        Map<String, Object> draft = new java.util.LinkedHashMap<>();
        draft.put("text", evasion.english());
        draft.put("translations", Map.of("fr", evasion.french()));
        draft.put("platforms", List.of("sandbox"));
        draft.put("author", Map.of("id", "u-e2e-evasion", "department", "ESDC"));
        if (evasion.media() != null) {
            draft.put("media", JSON.readValue(evasion.media(), List.class));
        }
        return given(as("submitter")).contentType(ContentType.JSON).body(JSON.writeValueAsString(draft))
                .post(url("ingest") + "/v1/drafts").then().statusCode(202).extract().path("id");
    }

    static String status(String id) {
        return given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                .extract().path("status");
    }
}
