package dev.crier.infra;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BrowserTest {

    @Test
    void headlessChromiumRendersAPageAndKeepsMarkupInTextAsText() {
        Browser.unavailable().ifPresent(System.err::println);
        assumeTrue(Browser.unavailable().isEmpty(), () -> Browser.unavailable().orElseThrow());
        WebDriver driver = Browser.start();
        try {
            String page = "<html lang=en><title>t</title><h1 id=h>Ready</h1><p id=p>&lt;script&gt;x&lt;/script&gt;</p>";
            driver.get("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
            assertThat(driver.findElement(By.id("h")).getText()).isEqualTo("Ready");
            assertThat(driver.findElement(By.id("p")).getText()).isEqualTo("<script>x</script>");
        } finally {
            driver.quit();
        }
    }
}
