package dev.crier.platform.config;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Crier's roles, by name. A caller holds only those of the five roles its token's groups name, and none at all when
 * the token has no subject: what it did could be traced to nobody, so it may submit, decide and read nothing. Other
 * groups a provider adds (Keycloak gives every user its default roles) count for nothing, so no check anywhere
 * depends on how many groups a token has: every check asks for a role by name.
 */
@ApplicationScoped
public class NamedRoles implements SecurityIdentityAugmentor {

    public static final Set<String> ALL = Set.of("submitter", "reviewer", "comms-head", "auditor", "ops");

    /** The Crier roles of a token with this subject and these groups. */
    public static Set<String> of(String subject, Set<String> groups) {
        if (subject == null || subject.isBlank() || groups == null) {
            return Set.of();
        }
        return groups.stream().filter(ALL::contains).collect(Collectors.toUnmodifiableSet());
    }

    public static Set<String> of(JsonWebToken token) {
        return of(token.getSubject(), token.getGroups());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = of(token);
        if (roles.equals(identity.getRoles())) {
            return Uni.createFrom().item(identity);
        }
        // The builder that copies an identity keeps its roles, so the identity is built again with only these.
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addRoles(roles)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .build());
    }
}
