package dev.crier.platform.config;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NamedRolesTest {

    @Test
    void onlyCrierRolesCountHoweverManyGroupsTheTokenHas() {
        // Keycloak adds its default roles to every user: a submitter with them is still only a submitter.
        assertThat(NamedRoles.of("u-1", Set.of("submitter", "offline_access", "uma_authorization", "default-roles-gc")))
                .containsExactly("submitter");
        assertThat(NamedRoles.of("u-1", Set.of("offline_access", "uma_authorization"))).isEmpty();
        assertThat(NamedRoles.of("u-1", Set.of("reviewer", "comms-head"))).containsExactlyInAnyOrder("reviewer", "comms-head");
    }

    @Test
    void aTokenWithoutSubjectHoldsNoRole() {
        assertThat(NamedRoles.of(null, Set.of("submitter", "reviewer"))).isEmpty();
        assertThat(NamedRoles.of(" ", Set.of("ops"))).isEmpty();
        assertThat(NamedRoles.of("u-1", null)).isEmpty();
    }
}
