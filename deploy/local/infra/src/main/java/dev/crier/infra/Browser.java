package dev.crier.infra;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Headless Chromium for the consoles' browser tests: Debian's {@code chromium} and {@code chromedriver} (or the
 * binaries named by {@code CRIER_CHROMIUM} and {@code CRIER_CHROMEDRIVER}), never a browser downloaded by a tool.
 */
public final class Browser {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path CHROMIUM = Path.of(env("CRIER_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(env("CRIER_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Browser() {
    }

    /** Why no browser test can run here, if none can: a test skips with this message (and says so). */
    public static Optional<String> unavailable() {
        if (!Files.isExecutable(CHROMIUM)) {
            return Optional.of("browser test skipped: no Chromium at " + CHROMIUM
                    + " (install Debian's chromium and chromium-driver, as .ci/run does, or set CRIER_CHROMIUM)");
        }
        if (!Files.isExecutable(DRIVER)) {
            return Optional.of("browser test skipped: no chromedriver at " + DRIVER
                    + " (install Debian's chromium-driver, or set CRIER_CHROMEDRIVER)");
        }
        return Optional.empty();
    }

    /** A fresh headless browser with an empty profile; quit it when done. */
    public static WebDriver start() {
        try {
            Path profile = Files.createTempDirectory("crier-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
            // The flags keep Chromium from calling home, which this closed network refuses, and let it run as root.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT);
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in on a service's console with a token, as a person would paste it, and lands on {@code next}. */
    public static void signIn(WebDriver driver, String baseUrl, String token, String next) {
        driver.get(baseUrl + "/console/sign-in?next=" + next);
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.not(ExpectedConditions.urlContains("/console/sign-in")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
