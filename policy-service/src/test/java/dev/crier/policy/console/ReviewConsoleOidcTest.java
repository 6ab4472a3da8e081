package dev.crier.policy.console;

import dev.crier.infra.Accessibility;
import dev.crier.infra.Browser;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.OpenIdProviderStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer console where the organization has an OpenID provider: in headless Chromium, a reviewer who opens
 * the queue is sent to the provider, comes back signed in, and lands on the queue, with the session in an
 * HttpOnly, SameSite=Strict cookie. The provider shows its own page first, so the way back starts on another site,
 * as in real life: a browser would not send that cookie on a redirect from there, only on the console's own page.
 */
@QuarkusTest
@TestProfile(ReviewConsoleOidcTest.WithProvider.class)
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "policy"))
class ReviewConsoleOidcTest {

    static final OpenIdProviderStub PROVIDER = new OpenIdProviderStub("crier-review-console", "console-secret", "crier");

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return PROVIDER.serviceConfig();
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void inHeadlessChromiumAReviewerSignedInByTheProviderLandsOnTheQueue() {
        Browser.unavailable().ifPresent(reason -> {
            System.out.println("[review-console-oidc] " + reason);
            Assumptions.abort(reason);
        });
        PROVIDER.signInAs("robin.reviewer@example.gc.ca", Set.of("reviewer"));
        PROVIDER.showLoginPage(true);
        String url = base.toString().replaceAll("/$", "");
        WebDriver driver = Browser.start();
        try {
            driver.get(url + "/console/reviews?category=health-safety");
            WebDriverWait wait = new WebDriverWait(driver, Browser.WAIT);
            // The provider's own page: from here on, the navigation back to the console starts on another site.
            wait.until(ExpectedConditions.elementToBeClickable(By.id("continue"))).click();
            wait.until(ExpectedConditions.urlContains("/console/reviews?category=health-safety"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header.banner"),
                    "Signed in as robin.reviewer@example.gc.ca"));
            assertThat(Accessibility.problems(driver)).as("the queue's accessibility").isEmpty();
            assertThat(PROVIDER.lastAuthorization()).containsEntry("client_id", "crier-review-console");
            Cookie session = driver.manage().getCookieNamed("crier-session");
            assertThat(session).isNotNull();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            assertThat(driver.manage().getCookieNamed("crier-oidc")).as("the flow's cookie is spent").isNull();
        } finally {
            driver.quit();
        }
    }
}
