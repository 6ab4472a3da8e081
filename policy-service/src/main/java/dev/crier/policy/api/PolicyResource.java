package dev.crier.policy.api;

import dev.crier.events.DraftParser;
import dev.crier.platform.api.BodyLimit;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.api.StrictJson;
import dev.crier.policy.PolicyInForce;
import dev.crier.policy.domain.Evaluation;
import dev.crier.policy.domain.policy.InvalidPolicyException;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.policy.domain.policy.RuleSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

@Path("/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyInForce policy;
    private final BodyLimit bodyLimit;
    private final DraftParser parser = new DraftParser();

    public PolicyResource(PolicyInForce policy, BodyLimit bodyLimit) {
        this.policy = policy;
        this.bodyLimit = bodyLimit;
    }

    /** The policy in force: what a decision's policy id, version and hash refer to. */
    public record PolicyView(String id, String version, String profile, String hash, Map<String, RuleSettings> rules) {
        static PolicyView of(Policy p) {
            return new PolicyView(p.id(), p.version(), p.profile(), p.hash(), p.rules());
        }
    }

    @GET
    @RolesAllowed({"submitter", "reviewer", "comms-head", "auditor", "ops"})
    @Operation(summary = "The policy in force")
    public PolicyView inForce() {
        return PolicyView.of(policy.current().policy());
    }

    @POST
    @Path("/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("submitter")
    @Operation(summary = "Evaluate a draft without submitting it",
            description = "The decision, risk score and every finding (with where it is and how to fix it) that the "
                    + "policy in force gives this draft. Nothing is stored or sent.")
    @APIResponse(responseCode = "200", description = "The evaluation")
    @APIResponse(responseCode = "400", description = "The body is not a valid draft; every wrong field is named")
    public Evaluation evaluate(byte[] body) {
        if (body.length > bodyLimit.maxBytes()) {
            throw BodyLimit.tooLarge(bodyLimit.maxBytes());
        }
        return policy.current().engine().evaluate(parser.parse(StrictJson.read(body)));
    }

    @POST
    @Path("/reload")
    @RolesAllowed("ops")
    @Operation(summary = "Read the policy file again and put it in force",
            description = "An invalid file is refused with the line that is wrong, and the policy in force stays.")
    @APIResponse(responseCode = "200", description = "The policy now in force")
    @APIResponse(responseCode = "422", description = "The file is not a valid policy")
    public PolicyView reload() {
        return PolicyView.of(policy.reload("reload endpoint").policy());
    }

    @ServerExceptionMapper
    public Response invalidPolicy(InvalidPolicyException e) {
        return ProblemException.of(422, "invalid-policy", "The policy file is not valid",
                e.getMessage() + "; the policy in force stays in force.").toResponse();
    }
}
