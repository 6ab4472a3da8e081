package dev.crier.stack;

import dev.crier.infra.LocalInfra;
import dev.crier.infra.Tokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, as one table: every operation of the four services (APIs, consoles, sign-in, the sandbox platform,
 * health) against every role, no token, and the tokens that must be refused (expired, another issuer, another
 * audience, no subject), on the running stack. Complete by construction: every operation each service's OpenAPI
 * document names must have its row.
 *
 * <p>A role's row says who may pass; a caller who may gets past the check (any answer but 401, 403 or a 5xx, since
 * the ids are made up), another role gets 403, a missing or bad token 401, a token without subject 403, each as an
 * RFC 9457 problem. The bad tokens carry all five roles, so only their defect can refuse them. An open operation is
 * one that a Crier token neither opens nor closes: every caller with a token, good or bad, gets the same answer.
 */
class RoleMatrixEndToEndTest {

    enum Caller {
        SUBMITTER, REVIEWER, COMMS_HEAD, AUDITOR, OPS, NO_TOKEN, EXPIRED, OTHER_ISSUER, OTHER_AUDIENCE, NO_SUBJECT;

        String role() {
            return ordinal() <= OPS.ordinal() ? name().toLowerCase(Locale.ROOT).replace('_', '-') : null;
        }
    }

    static final String ID = "{id}";
    static final Set<String> ALL = Set.copyOf(Tokens.ROLES);

    /**
     * One operation and who may call it; {@code roles} null: open. {@code body}: what a POST sends (JSON, or a form
     * when {@code form}); the ids in the path are made up, so no call changes anything that matters.
     */
    record Op(String service, String method, String path, Set<String> roles, String body, boolean form) {
        String key() {
            return service + " " + method + " " + path;
        }
    }

    static final List<Op> TABLE = List.of(
            // ingest-service
            api("ingest", "POST", "/v1/drafts", Set.of("submitter")),
            api("ingest", "GET", "/v1/drafts/{id}", ALL),
            api("ingest", "GET", "/v1/accounts", ALL),
            // policy-service
            api("policy", "GET", "/v1/policy", ALL),
            api("policy", "POST", "/v1/policy/evaluate", Set.of("submitter")),
            api("policy", "POST", "/v1/policy/reload", Set.of("ops")),
            api("policy", "GET", "/v1/reviews", Set.of("reviewer", "comms-head")),
            api("policy", "GET", "/v1/reviews/{postId}", Set.of("reviewer", "comms-head")),
            api("policy", "POST", "/v1/reviews/{postId}/decision", Set.of("reviewer", "comms-head")),
            api("policy", "GET", "/console/reviews", Set.of("reviewer", "comms-head")),
            api("policy", "GET", "/console/reviews/{postId}", Set.of("reviewer", "comms-head")),
            form("policy", "/console/reviews/{postId}/decision", Set.of("reviewer", "comms-head"), "decision=APPROVE&reason=x"),
            // publish-service
            api("publish", "POST", "/v1/posts/{id}/retract", Set.of("comms-head")),
            api("publish", "GET", "/v1/sandbox/posts", ALL),
            open("publish", "POST", "/sandbox/api/statuses"),
            open("publish", "GET", "/sandbox/api/statuses/{id}"),
            open("publish", "DELETE", "/sandbox/api/statuses/{id}"),
            // audit-service
            api("audit", "GET", "/v1/audit/checkpoint", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/checkpoint/key", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/records", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/records/{index}", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/export", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/stats", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/proof/inclusion", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/proof/consistency", Set.of("auditor")),
            api("audit", "GET", "/v1/audit/posts/{id}", Set.of("auditor")),
            api("audit", "GET", "/console/audit", Set.of("auditor")),
            form("audit", "/console/audit/verify", Set.of("auditor"), ""),
            api("audit", "GET", "/console/audit/records", Set.of("auditor")),
            api("audit", "GET", "/console/audit/posts", Set.of("auditor")),
            api("audit", "GET", "/v1/dead-letters", Set.of("ops")),
            api("audit", "GET", "/v1/dead-letters/{topic}", Set.of("ops")),
            api("audit", "GET", "/v1/dead-letters/{topic}/{partition}/{offset}", Set.of("ops")),
            api("audit", "POST", "/v1/dead-letters/{topic}/{partition}/{offset}/replay", Set.of("ops")),
            api("audit", "POST", "/v1/dead-letters/{topic}/{partition}/{offset}/discard", Set.of("ops")),
            api("audit", "GET", "/console/dead-letters", Set.of("ops")),
            api("audit", "GET", "/console/dead-letters/{topic}/{partition}/{offset}", Set.of("ops")),
            form("audit", "/console/dead-letters/{topic}/{partition}/{offset}/{action}", Set.of("ops"), "reason=x"));

    /**
     * What every service serves alike: the consoles' sign-in (dev.crier.platform.console), health, metrics and the API
     * description (open on the local stack, CRIER_API_DOCS_POLICY=permit; any valid token elsewhere).
     */
    static List<Op> everyService(String service) {
        return List.of(
                open(service, "GET", "/console"),
                open(service, "GET", "/console/sign-in"),
                new Op(service, "POST", "/console/sign-in", null, "token=&next=/console", true),
                new Op(service, "POST", "/console/sign-out", null, "", true),
                open(service, "GET", "/console/oidc/start"),
                open(service, "GET", "/console/oidc/callback"),
                open(service, "GET", "/q/health/ready"),
                open(service, "GET", "/q/metrics"),
                open(service, "GET", "/q/openapi"));
    }

    static LocalStack stack;
    static Map<Caller, String> tokens;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        Tokens issuer = stack.infra().tokens();
        Tokens.Claims everyRole = Tokens.claims("u-matrix", ALL, java.time.Duration.ofMinutes(10));
        tokens = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            String token = switch (caller) {
                case NO_TOKEN -> null;
                case EXPIRED -> issuer.issue(everyRole.expired());
                case OTHER_ISSUER -> issuer.issue(everyRole.withIssuer("https://elsewhere.example/issuer"));
                case OTHER_AUDIENCE -> issuer.issue(everyRole.withAudience("another-app"));
                case NO_SUBJECT -> issuer.issue(everyRole.withoutSubject());
                default -> issuer.issue(caller.role());
            };
            tokens.put(caller, token);
        }
    }

    @Test
    void everyOperationOfEveryServiceHasItsRow() {
        Set<String> rows = new HashSet<>();
        table().forEach(op -> rows.add(op.key()));
        Set<String> missing = new TreeSet<>();
        for (String service : LocalInfra.SERVICES) {
            Map<String, Map<String, Object>> paths = given().get(url(service) + "/q/openapi?format=json")
                    .then().statusCode(200).extract().jsonPath().getMap("paths");
            assertThat(paths).as(service + "'s OpenAPI paths").isNotEmpty();
            paths.forEach((path, operations) -> operations.keySet().stream()
                    .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                    .map(m -> service + " " + m.toUpperCase(Locale.ROOT) + " " + path)
                    .filter(key -> !rows.contains(key))
                    .forEach(missing::add));
        }
        assertThat(missing).as("operations without a row in the role matrix").isEmpty();
    }

    @Test
    void everyCallerGetsWhatItsRowSays() {
        List<String> wrong = new ArrayList<>();
        StringBuilder printed = new StringBuilder();
        for (Op op : table()) {
            Map<Caller, Integer> got = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                Response response = call(op, tokens.get(caller));
                int status = response.statusCode();
                got.put(caller, status);
                String verdict = verdict(op, caller, status, response.contentType());
                if (verdict != null) {
                    wrong.add(op.key() + " as " + caller + ": " + verdict);
                }
            }
            if (op.roles() == null) {
                Set<Integer> withToken = new HashSet<>();
                got.forEach((caller, status) -> {
                    if (caller != Caller.NO_TOKEN) {
                        withToken.add(status);
                    }
                });
                if (withToken.size() != 1) {
                    wrong.add(op.key() + ": open, yet the token changes the answer: " + got);
                }
            }
            printed.append(op.key()).append(' ').append(got.values()).append('\n');
        }
        System.out.println("[role-matrix] " + Caller.class.getSimpleName() + " " + List.of(Caller.values()) + "\n" + printed);
        assertThat(wrong).as("cells of the role matrix that do not hold").isEmpty();
    }

    /** Null when the answer is what the row says; otherwise what is wrong with it. */
    static String verdict(Op op, Caller caller, int status, String contentType) {
        if (status >= 500) {
            return "answered " + status;
        }
        if (op.roles() == null) {
            return null;
        }
        int expected = switch (caller) {
            case NO_TOKEN, EXPIRED, OTHER_ISSUER, OTHER_AUDIENCE -> 401;
            case NO_SUBJECT -> 403;
            default -> op.roles().contains(caller.role()) ? 0 : 403;
        };
        if (expected == 0) {
            return status == 401 || status == 403 ? "refused with " + status + " though its role may" : null;
        }
        if (status != expected) {
            return "answered " + status + ", not " + expected;
        }
        return contentType.startsWith("application/problem+json") ? null : "answered " + status + " as " + contentType;
    }

    static Response call(Op op, String token) {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (op.body() != null) {
            request.contentType(op.form() ? "application/x-www-form-urlencoded" : "application/json").body(op.body());
        }
        // A dead letter's place names a real topic and a partition, at an offset no record has.
        String path = op.path().replaceAll("\\{index}", "0").replace("{topic}", "drafts.submitted")
                .replace("{partition}", "0").replace("{offset}", "999999999").replace("{action}", "discard")
                .replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
        return request.request(op.method(), url(op.service()) + path);
    }

    static List<Op> table() {
        List<Op> all = new ArrayList<>(TABLE);
        LocalInfra.SERVICES.forEach(service -> all.addAll(everyService(service)));
        return all;
    }

    static Op api(String service, String method, String path, Set<String> roles) {
        return new Op(service, method, path, roles, method.equals("GET") || method.equals("DELETE") ? null : "{}", false);
    }

    static Op form(String service, String path, Set<String> roles, String body) {
        return new Op(service, "POST", path, roles, body, true);
    }

    static Op open(String service, String method, String path) {
        return new Op(service, method, path, null, method.equals("POST") ? "{}" : null, false);
    }

    static String url(String service) {
        return stack.service(service).url();
    }
}
