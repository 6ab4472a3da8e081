package dev.crier.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.ingest.DraftIntake;
import dev.crier.events.DraftParser;
import dev.crier.ingest.config.AuthSettings;
import dev.crier.ingest.config.IntakeSettings;
import dev.crier.ingest.domain.AccountCheck;
import dev.crier.ingest.domain.DraftReaders;
import dev.crier.ingest.domain.Submitter;
import dev.crier.ingest.messaging.AccountsReader;
import dev.crier.ingest.store.DraftRow;
import dev.crier.platform.api.BodyLimit;
import dev.crier.platform.api.StrictJson;
import dev.crier.platform.api.Problem;
import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.messaging.EventSender;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@Path("/v1/drafts")
public class DraftResource {

    private final DraftIntake intake;
    private final DraftParser parser = new DraftParser();
    private final JsonWebToken caller;
    private final SecurityIdentity identity;
    private final AuthSettings auth;
    private final ObjectMapper json;

    private final BodyLimit bodyLimit;
    private final AccountsReader accounts;
    private final boolean refuseWithoutAccount;

    public DraftResource(DraftIntake intake, JsonWebToken caller, SecurityIdentity identity, AuthSettings auth,
                         ObjectMapper json, BodyLimit bodyLimit, AccountsReader accounts, IntakeSettings intakeSettings) {
        this.intake = intake;
        this.bodyLimit = bodyLimit;
        this.accounts = accounts;
        this.refuseWithoutAccount = intakeSettings.refuseWithoutAccount();
        this.caller = caller;
        this.identity = identity;
        this.auth = auth;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("submitter")
    @Operation(summary = "Submit a draft", description = "Answers 202 only once the draft is on Kafka. Send an "
            + "Idempotency-Key to retry safely: the same key and body return the same id and send nothing twice.")
    @RequestBody(required = true)
    @APIResponse(responseCode = "202", description = "Accepted: the draft cannot be lost")
    @APIResponse(responseCode = "400", description = "The body is not a valid draft; every wrong field is named")
    @APIResponse(responseCode = "403", description = "Not a submitter, a token without subject, or author.department is "
            + "not one the token's departments claim names")
    @APIResponse(responseCode = "413", description = "The body is larger than 1 MiB")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different draft, or no "
            + "official account can take the draft on a platform it names (the platform's field is named)")
    @APIResponse(responseCode = "503", description = "Kafka or the database is unavailable, or ingest holds as many "
            + "submissions as it takes at once; retry after Retry-After seconds with the same Idempotency-Key")
    public Response submit(byte[] body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body.length > bodyLimit.maxBytes()) {
            throw BodyLimit.tooLarge(bodyLimit.maxBytes());
        }
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,255}")) {
            throw ProblemException.invalid("The Idempotency-Key header must be 1 to 255 visible ASCII characters.",
                    List.of(new Problem.FieldError("Idempotency-Key", "1 to 255 visible ASCII characters")));
        }
        var draft = parser.parse(StrictJson.read(body));
        Submitter submitter = submitter();
        submitter.refusalFor(draft.author() == null ? null : draft.author().department()).ifPresent(reason -> {
            throw ProblemException.of(403, "department-not-allowed", "Department not allowed", reason);
        });
        accounts.latest().filter(registry -> refuseWithoutAccount)
                .map(registry -> AccountCheck.refusals(registry, draft)).filter(r -> !r.isEmpty())
                .ifPresent(refusals -> {
                    throw new ProblemException(new Problem(ProblemException.type("no-account"),
                            "No official account can take the draft", 422, "Crier would not be able to publish it: "
                            + refusals.stream().map(r -> r.field() + ": " + r.reason())
                            .collect(Collectors.joining("; ")) + ". GET /v1/accounts lists the accounts.",
                            refusals.stream().map(r -> new Problem.FieldError(r.field(), r.reason())).toList()),
                            Map.of());
                });
        var submission = intake.submit(submitter, idempotencyKey, draft);
        String id = submission.postId().toString();
        return Response.accepted(new DraftAccepted(id, "SUBMITTED"))
                .location(URI.create("/v1/drafts/" + id))
                .build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"submitter", "reviewer", "comms-head", "auditor", "ops"})
    @Operation(summary = "A draft's current status", description = "SUBMITTED, NEEDS_REVIEW, APPROVED, REJECTED, "
            + "CHANGES_REQUESTED, EXPIRED, PUBLISHED, PARTIALLY_PUBLISHED, PUBLISH_FAILED or RETRACTED, with the "
            + "decision's reasons, each review step, each platform's result and any retraction. Reviewers, "
            + "comms-heads, auditors and ops see every draft; a submitter only those it submitted.")
    @APIResponse(responseCode = "200", description = "The draft's status")
    @APIResponse(responseCode = "404", description = "No such draft, or one this submitter did not submit")
    public DraftView status(@PathParam("id") String id) {
        DraftRow row = PathIds.uuid(id).flatMap(intake::find)
                .filter(r -> DraftReaders.mayRead(identity.getRoles(), caller.getSubject(), r.caller()))
                .orElseThrow(() -> ProblemException.notFound("There is no draft with id " + id + "."));
        return new DraftView(row.id().toString(), row.status(), row.externalId(), row.submittedAt(), row.updatedAt(),
                tree(row.decisionJson()), tree(row.reviewHistoryJson()), tree(row.publishResultsJson()),
                tree(row.retractionJson()));
    }


    @ServerExceptionMapper
    public Response keyReused(DraftIntake.KeyReusedException e) {
        return ProblemException.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used with a different draft; use a new key.").toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(EventSender.EventNotSentException e) {
        return ProblemException.unavailable("The draft was not accepted: the message broker or the database is "
                + "unavailable. Retry later, with the same Idempotency-Key.", 5).toResponse();
    }

    /** The submitter as the token names it: subject, client (azp, or client_id) and departments. */
    private Submitter submitter() {
        String client = Optional.ofNullable(caller.<Object>getClaim("azp"))
                .or(() -> Optional.ofNullable(caller.getClaim("client_id"))).map(DraftResource::text).orElse(null);
        return new Submitter(caller.getSubject(), client, strings(caller.getClaim(auth.departmentsClaim())));
    }

    /** A claim's strings: a JSON array of them, or one string. */
    private static Set<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(DraftResource::text).filter(v -> !v.isBlank()).collect(Collectors.toSet());
        }
        return claim == null ? Set.of() : Set.of(text(claim));
    }

    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }


    private JsonNode tree(String jsonText) {
        try {
            return jsonText == null ? null : json.readTree(jsonText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
