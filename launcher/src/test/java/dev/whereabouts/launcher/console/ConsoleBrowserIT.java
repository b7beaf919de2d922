package dev.whereabouts.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.launcher.PlatformFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The DPO console in real headless Chromium against the real embedded platform, outside the demo (a
 * DPO signs in with their token): the DPO's day, the error pages, and axe-core's WCAG 2.1 A/AA rules on
 * every page (no serious or critical violation). Screenshots land in target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

    private PlatformFixture platform;
    private ChromeDriver browser;

    @BeforeAll
    void start() {
        browser = Chromium.start();
        platform = PlatformFixture.startSecured(5);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void shouldRefuseAWrongTokenAndAFormWithoutCsrfWithPagesThatSayWhatToFix() {
        browser.manage().deleteAllCookies();
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        assertAccessible("sign-in");

        browser.findElement(By.id("token")).sendKeys("this-is-not-anyones-token");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("That token is not known");
        assertThat(browser.getPageSource()).doesNotContain("this-is-not-anyones-token");
        assertAccessible("sign-in-wrong-token");

        signIn();
        // A form whose CSRF token was tampered with is refused
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "document.querySelector('form[action=\"/console/sign-out\"] input[name=csrf]').value = 'forged'");
        browser.findElement(By.cssSelector("form[action='/console/sign-out'] button"))
                .click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Form expired");
        assertAccessible("csrf-refused");
    }

    @Test
    void shouldShowTheHomePageWithCountsAndFreshness() {
        signIn();
        open("/console");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Home");
        assertThat(browser.getPageSource()).contains("people in the graph").contains("Signed in as");
        assertAccessible("home");
        Screenshots.take(browser, "console-home");
    }

    private void signIn() {
        browser.manage().deleteAllCookies();
        open("/console/sign-in");
        browser.findElement(By.id("token")).sendKeys(PlatformFixture.DPO_TOKEN);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(b -> b.getPageSource().contains("Signed in as"));
    }

    private void open(String path) {
        browser.get(platform.dpoUrl().resolve(path).toString());
    }

    private void assertAccessible(String page) {
        List<Accessibility.Violation> violations = Accessibility.seriousViolations(browser);
        assertThat(violations).as("serious accessibility violations on " + page).isEmpty();
    }
}
