package dev.crier.platform.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostCookiesTest {

    @Test
    void overHttpsThePrefixedConsoleCookiesAreReadUnderTheirPlainNames() {
        assertThat(HostCookies.forHttps("__Host-crier-session=ey.J.s; __Host-crier-csrf=abc; theme=dark"))
                .isEqualTo("crier-session=ey.J.s; crier-csrf=abc; theme=dark");
    }

    @Test
    void overHttpsAPlainNamedConsoleCookieIsDroppedForItCouldHaveBeenPlanted() {
        assertThat(HostCookies.forHttps("crier-session=planted; __Host-crier-session=mine"))
                .isEqualTo("crier-session=mine");
        assertThat(HostCookies.forHttps("crier-session=planted; crier-oidc=planted")).isEmpty();
        // Only the consoles' own names are unwrapped: another application's __Host- cookie stays as it is.
        assertThat(HostCookies.forHttps("__Host-other=1")).isEqualTo("__Host-other=1");
    }

    @Test
    void theBrowserGetsThePrefixOnlyOverHttps() {
        assertThat(HostCookies.name("crier-session", true)).isEqualTo("__Host-crier-session");
        assertThat(HostCookies.name("crier-session", false)).isEqualTo("crier-session");
    }
}
