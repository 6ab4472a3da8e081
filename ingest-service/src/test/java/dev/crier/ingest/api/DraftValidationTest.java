package dev.crier.ingest.api;

import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Every kind of bad input gets a 4xx problem that names what is wrong; none gets a 500 or a stack trace. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class DraftValidationTest {

    static final String AUTHOR = "\"author\": {\"id\": \"u-1\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing text          | {"platforms": ["x"], AUTHOR}                                   | text
            empty text            | {"text": "  ", "platforms": ["x"], AUTHOR}                     | text
            null text             | {"text": null, "platforms": ["x"], AUTHOR}                     | text
            text is a number      | {"text": 42, "platforms": ["x"], AUTHOR}                       | text
            unknown platform      | {"text": "hi", "platforms": ["x", "myspace"], AUTHOR}          | platforms[1]
            platforms not array   | {"text": "hi", "platforms": "x", AUTHOR}                       | platforms
            no platforms          | {"text": "hi", "platforms": [], AUTHOR}                        | platforms
            unknown language      | {"text": "hi", "language": "de", "platforms": ["x"], AUTHOR}   | language
            bad date              | {"text": "hi", "platforms": ["x"], "publishAt": "next monday", AUTHOR} | publishAt
            date without offset   | {"text": "hi", "platforms": ["x"], "publishAt": "2030-01-01T09:00:00", AUTHOR} | publishAt
            null author           | {"text": "hi", "platforms": ["x"], "author": null}             | author
            author is a string    | {"text": "hi", "platforms": ["x"], "author": "pat"}            | author
            author without id     | {"text": "hi", "platforms": ["x"], "author": {"name": "Pat"}}  | author.id
            unknown field         | {"text": "hi", "platforms": ["x"], "colour": "red", AUTHOR}    | colour
            unknown author field  | {"text": "hi", "platforms": ["x"], "author": {"id": "u", "age": 3}} | author.age
            media not objects     | {"text": "hi", "platforms": ["x"], "media": ["a.png"], AUTHOR} | media[0]
            media without url     | {"text": "hi", "platforms": ["x"], "media": [{"altText": "x"}], AUTHOR} | media[0].url
            translation unknown   | {"text": "hi", "platforms": ["x"], "translations": {"de": "x"}, AUTHOR} | translations.de
            translation not text  | {"text": "hi", "platforms": ["x"], "translations": {"fr": 1}, AUTHOR} | translations.fr
            repost not a url      | {"text": "hi", "platforms": ["x"], "repostOf": "somewhere", AUTHOR} | repostOf
            """)
    void invalidFieldsAreNamed(String name, String body, String field) {
        given().auth().oauth2(CrierTestResource.token("submitter"))
                .contentType(ContentType.JSON).body(body.replace("AUTHOR", AUTHOR))
                .post("/v1/drafts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON     | {"text": "hi",                        | not valid JSON
            trailing garbage   | {"text": "hi"} x                      | not valid JSON
            duplicate field    | {"text": "a", "text": "b"}            | not valid JSON
            not an object      | ["text"]                              | JSON object
            empty body         | ' '                                   | empty
            """)
    void unreadableBodiesAreExplained(String name, String body, String detail) {
        given().auth().oauth2(CrierTestResource.token("submitter"))
                .contentType(ContentType.JSON).body(body)
                .post("/v1/drafts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
    }

    @Test
    void textOverOneHundredThousandCharactersIsRefused() {
        String body = "{\"text\": \"" + "a".repeat(100_001) + "\", \"platforms\": [\"x\"], " + AUTHOR + "}";
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON).body(body)
                .post("/v1/drafts").then().statusCode(400).body("errors.field", hasItem("text"));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = "{\"text\": \"caf\u00ff\", \"platforms\": [\"x\"], \"author\": {\"id\": \"u\"}}".getBytes(StandardCharsets.ISO_8859_1);
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON).body(body)
                .post("/v1/drafts").then().statusCode(400).body("detail", containsString("UTF-8"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.TEXT).body("hello")
                .post("/v1/drafts").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String body = "{\"text\": \"" + "a".repeat(1024 * 1024) + "\"}";
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON).body(body)
                .post("/v1/drafts").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413() throws Exception {
        byte[] big = ("{\"text\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length, so the client sends it chunked, without Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/v1/drafts"))
                .header("Authorization", "Bearer " + CrierTestResource.token("submitter"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedMidUpload) {
            throw new AssertionError("the server closed the connection instead of answering 413", closedMidUpload);
        }
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void badIdempotencyKeyIsNamed() {
        given().auth().oauth2(CrierTestResource.token("submitter")).header("Idempotency-Key", "has space")
                .contentType(ContentType.JSON).body("{\"text\": \"hi\", \"platforms\": [\"x\"], " + AUTHOR + "}")
                .post("/v1/drafts").then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void noErrorLeaksAStackTrace() {
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON).body("{\"text\": [}")
                .post("/v1/drafts").then().statusCode(400).body(not(containsString("at dev.crier")))
                .body(not(containsString("Exception")));
    }

    private static int port() {
        return io.restassured.RestAssured.port;
    }
}
