package dev.whereabouts.launcher.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so nothing is
 * downloaded at run time (Selenium Manager never runs). Paths come from {@code WHEREABOUTS_CHROMIUM} and
 * {@code WHEREABOUTS_CHROMEDRIVER}, else {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}.
 * Where they are missing, the browser tests are skipped with a message saying how to install them, except
 * in CI ({@code CI} set), where a missing browser fails the build: {@code .ci/run} installs it.
 */
final class Chromium {

    private Chromium() {}

    /** Starts a fresh browser with its own empty profile, saving downloads in {@code downloads}; the caller quits it. */
    static ChromeDriver start(Path downloads) {
        Path browser = executable("WHEREABOUTS_CHROMIUM", "/usr/bin/chromium");
        Path driver = executable("WHEREABOUTS_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("whereabouts-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                java.util.Map.of(
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    private static Path executable(String variable, String fallback) {
        Path path = Path.of(Optional.ofNullable(System.getenv(variable))
                .filter(v -> !v.isBlank())
                .orElse(fallback));
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = "no browser for the console's browser tests: " + path
                + " is missing; install Debian's chromium and chromium-driver (apt-get install chromium"
                + " chromium-driver) or set " + variable;
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(message + " (CI is set, so this fails instead of skipping)");
        }
        Assumptions.abort(message);
        return path;
    }
}
