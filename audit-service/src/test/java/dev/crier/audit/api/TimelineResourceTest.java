package dev.crier.audit.api;

import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;

@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class TimelineResourceTest {

    @Test
    void onlyAuditorsReadTheLedger() {
        String path = "/v1/audit/posts/" + UUID.randomUUID();
        given().get(path).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(CrierTestResource.token("submitter")).get(path).then().statusCode(403);
        given().auth().oauth2(CrierTestResource.token("ops")).get(path).then().statusCode(403);
        given().auth().oauth2(CrierTestResource.token("auditor")).get(path).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(CrierTestResource.token("auditor")).get("/v1/audit/posts/not-a-uuid").then().statusCode(404);
    }
}
