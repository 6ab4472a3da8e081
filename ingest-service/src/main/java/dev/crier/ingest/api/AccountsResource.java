package dev.crier.ingest.api;

import dev.crier.events.AccountsListed;
import dev.crier.ingest.messaging.AccountsReader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/** What a submitter can target: the official accounts, by platform and department, with their language. */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"submitter", "reviewer", "comms-head", "auditor", "ops"})
public class AccountsResource {

    /**
     * The accounts as publish-service last listed them; {@code known} is false (and the list empty) until a list
     * has arrived, and then drafts are not checked against it.
     */
    public record Accounts(boolean known, Instant listedAt, List<AccountsListed.Account> accounts) {
    }

    private final AccountsReader reader;

    public AccountsResource(AccountsReader reader) {
        this.reader = reader;
    }

    @GET
    @Operation(summary = "The official accounts", description = "Each account's platform, handle, department and "
            + "language (en, fr or bilingual: the versions a draft needs for it). A draft naming a platform on which "
            + "its author's department has no account, or whose account needs a version the draft lacks, is refused "
            + "with 422 and the platform's field.")
    public Accounts accounts() {
        return reader.latest().map(l -> new Accounts(true, l.listedAt(), l.accounts()))
                .orElse(new Accounts(false, null, List.of()));
    }
}
