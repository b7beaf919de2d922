package dev.whereabouts.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.launcher.PlatformFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The DPO console in real headless Chromium against the real one-command platform, outside the demo (a
 * DPO signs in with their token): the DPO's day from sign-in to a completed erasure and the person's copy,
 * the error pages, and axe-core's WCAG 2.1 A/AA rules on every page (no serious or critical violation).
 * Screenshots land in target/console-screenshots (and docs/screenshots with -Dwhereabouts.docs.write=true).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern REQUEST_PAGE = Pattern.compile("/console/requests/([0-9a-f-]{36})$");

    private PlatformFixture platform;
    private ChromeDriver browser;
    private Path downloads;

    @BeforeAll
    void start() throws IOException {
        downloads = Files.createTempDirectory("whereabouts-downloads-");
        browser = Chromium.start(downloads);
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
    @Order(1)
    void shouldRefuseAWrongTokenAFormWithoutCsrfAndABadIdentifierWithPagesThatSayWhatToFix() {
        browser.manage().deleteAllCookies();
        open("/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        assertAccessible("sign-in");
        Screenshots.take(browser, "console-sign-in");

        browser.findElement(By.id("token")).sendKeys("this-is-not-anyones-token");
        submit(By.cssSelector("form[action='/console/sign-in'] button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("That token is not known");
        assertThat(browser.getPageSource()).doesNotContain("this-is-not-anyones-token");
        assertAccessible("sign-in with a wrong token");

        signIn();
        // A form whose CSRF token was tampered with is refused
        js("document.querySelector('form[action=\"/console/sign-out\"] input[name=csrf]').value = 'forged'");
        submit(By.cssSelector("form[action='/console/sign-out'] button"));
        assertThat(heading()).isEqualTo("Form expired");
        assertAccessible("the CSRF error page");

        // An identifier that is not one: 422, naming the field, never echoing the value
        open("/console/people");
        new Select(browser.findElement(By.id("type"))).selectByValue("email");
        browser.findElement(By.id("identifier")).sendKeys("not-an-address");
        browser.findElement(By.id("reason")).sendKeys("browser test: a typo");
        submit(By.cssSelector("form[action='/console/people/find'] button[type=submit]"));
        assertThat(browser.getPageSource()).contains("identifier").doesNotContain("not-an-address");
        assertThat(browser.getCurrentUrl()).doesNotContain("not-an-address");
        assertAccessible("a bad identifier");
    }

    @Test
    @Order(2)
    void shouldFindAPersonEraseThemFollowTheRequestToCompletedAndSeeWhatIsLeft() {
        signIn();
        open("/console");
        assertThat(heading()).isEqualTo("Home");
        assertAccessible("home");

        // Find the demo person by e-mail, with a reason; the page is addressed by the pseudonymous subject id
        String email = PlatformFixture.demoEmail(0);
        String person = findPerson(email);
        assertThat(person).contains("/console/people/").doesNotContain(email).doesNotContain("%40");
        String page = awaitPage(person, p -> p.contains("data-holder=\"moneybird\"") && p.contains("backup"));
        assertThat(page).doesNotContain(email);
        // Every holder, the backups marked, MoneyBird's tax hold named, in the table and the graph
        assertThat(rowsOf("moneybird"))
                .anySatisfy(row -> assertThat(row.getText()).contains("Legal hold"));
        assertThat(browser.findElements(By.cssSelector("tr[data-holder] .badge.neutral")))
                .extracting(WebElement::getText)
                .contains("backup");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> !b.findElements(By.cssSelector("#graph canvas")).isEmpty());
        assertAccessible("the person's page");
        Screenshots.take(browser, "console-person");

        // The filters hide what they exclude, in the table without a round trip
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("ERASED");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(b -> b.findElements(By.cssSelector("tr[data-row-status='HELD']")).stream()
                        .noneMatch(WebElement::isDisplayed));
        new Select(browser.findElement(By.id("filter-status"))).selectByIndex(0);

        // File an erasure from the page, record the identity check the statement prescribes
        String requestId = fileRequest(person, "ERASURE", "browser test: erasure by e-mail");
        assertAccessible("a new request");
        verify(requestId);
        awaitPage("/console/requests/" + requestId, p -> p.contains("<th scope=\"row\">moneybird</th>"));
        assertAccessible("the request with its tasks");
        Screenshots.take(browser, "console-request");

        // Each holder answers on its channel: the DPO records e-mail and manual holders here, Kafka holders
        // answer from their own system, Postmark's webhook is answered by the demo holder
        answerEveryTask(requestId, List.of("RESTRICTED", "ERASED"));
        awaitPage("/console/requests/" + requestId, p -> p.contains("class=\"badge COMPLETED\""));
        assertThat(browser.getPageSource()).contains("gone by");
        assertAccessible("the completed request");
        Screenshots.take(browser, "console-request-completed");

        // The person's page now shows what was erased, restricted, and what expires by itself
        String after = awaitPage(
                person,
                p -> p.contains("badge ERASED") && p.contains("badge RESTRICTED") && p.contains("badge EXPIRES"));
        assertThat(after).contains("gone by");
        Screenshots.take(browser, "console-person-after-erasure");

        // The request list shows it finished
        open("/console/requests");
        assertThat(browser.getPageSource()).contains(requestId);
        assertAccessible("the request list");
        Screenshots.take(browser, "console-requests");
    }

    @Test
    @Order(3)
    void shouldShowHoldersFindingsTheRopaAndTheAuditTrailAndDownloadTheRopa() throws Exception {
        signIn();
        open("/console/holders");
        assertThat(browser.getPageSource()).contains("MoneyBird").contains("Zendesk");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> !b.findElements(By.cssSelector("#graph canvas")).isEmpty());
        assertAccessible("holders");
        Screenshots.take(browser, "console-holders");
        open("/console/holders/moneybird");
        assertThat(browser.getPageSource()).contains("7 years");
        assertAccessible("one holder");

        open("/console/findings");
        assertAccessible("findings");
        Screenshots.take(browser, "console-findings");

        open("/console/records");
        assertAccessible("records");
        Screenshots.take(browser, "console-records");
        browser.findElement(By.cssSelector("a[href='/console/records/ropa?format=csv']"))
                .click();
        Path csv = awaitDownload(".csv");
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("moneybird");

        open("/console/records/audit");
        assertThat(browser.getPageSource()).contains("subject.lookup").contains("dpo@smarttrackers.nl");
        assertAccessible("the audit trail");
    }

    @Test
    @Order(4)
    void shouldHandThePersonACopyOfTheirDataBehindALinkThatStopsWorkingWhenWithdrawn() {
        signIn();
        String person = findPerson(PlatformFixture.demoEmail(1));
        awaitPage(person, p -> p.contains("data-holder=\"smarttrackers-app\""));
        String requestId = fileRequest(person, "ACCESS", "browser test: access request by e-mail");
        verify(requestId);
        awaitPage("/console/requests/" + requestId, p -> p.contains("<th scope=\"row\">smarttrackers-app</th>"));
        answerEveryTask(requestId, List.of("EXPORTED"));
        awaitPage("/console/requests/" + requestId, p -> p.contains("class=\"badge COMPLETED\""));

        browser.findElement(By.cssSelector("a[href='/console/requests/" + requestId + "/copy']"))
                .click();
        assertAccessible("the person's copy, before a link is made");
        new Select(browser.findElement(By.id("copy-language"))).selectByValue("nl");
        submit(By.cssSelector("form[action='/console/requests/" + requestId + "/copy'] button[type=submit]"));
        String link = browser.findElement(By.id("copy-link")).getAttribute("value");
        assertThat(link).contains("/copy/");
        assertAccessible("the person's copy with its link");

        // The person opens it without an account: their report in Dutch, the PDF and the export
        browser.get(link);
        assertThat(browser.getPageSource()).contains("/report.pdf").contains("/export.json");
        assertAccessible("the person's copy as the person sees it");
        Screenshots.take(browser, "console-persons-copy");

        // The DPO withdraws it: the link stops working, saying so in plain words
        open("/console/requests/" + requestId + "/copy");
        submit(By.cssSelector("form[action^='/console/copies/'] button"));
        browser.get(link);
        assertThat(browser.getPageSource()).contains("no longer works");
        assertAccessible("a withdrawn link");
    }

    private String findPerson(String email) {
        return await(
                () -> {
                    open("/console/people");
                    new Select(browser.findElement(By.id("type"))).selectByValue("email");
                    browser.findElement(By.id("identifier")).sendKeys(email);
                    browser.findElement(By.id("reason")).sendKeys("browser test: access request received today");
                    submit(By.cssSelector("form[action='/console/people/find'] button[type=submit]"));
                    String url = browser.getCurrentUrl();
                    return url.matches(".*/console/people/s-[^/]+$") ? Optional.of(url) : Optional.empty();
                },
                "the demo person to be found");
    }

    private String fileRequest(String person, String type, String note) {
        browser.get(person);
        new Select(browser.findElement(By.id("request-type"))).selectByValue(type);
        browser.findElement(By.id("request-note")).sendKeys(note);
        submit(By.cssSelector("form[action$='/requests'] button[type=submit]"));
        Matcher matcher = REQUEST_PAGE.matcher(browser.getCurrentUrl());
        assertThat(matcher.find()).as(browser.getCurrentUrl()).isTrue();
        return matcher.group(1);
    }

    private void verify(String requestId) {
        awaitPage("/console/requests/" + requestId, p -> p.contains("id=\"act-verify\""));
        browser.findElement(By.cssSelector("input[name=verified][value=true]")).click();
        browser.findElement(By.id("verify-note")).sendKeys("ID copy checked, numbers blacked out");
        submit(By.cssSelector("form[action='/console/requests/" + requestId + "/verification'] button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isNotBlank();
    }

    /**
     * Answers every open task until none is left: the outcome forms for the holders the DPO records
     * (e-mail and manual), the command line for Kafka holders; webhook holders answer by themselves and
     * EXPIRES tasks need no answer.
     */
    private void answerEveryTask(String requestId, List<String> preferred) {
        Set<String> answered = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            open("/console/requests/" + requestId);
            if (browser.getPageSource().contains("class=\"badge COMPLETED\"")) {
                return;
            }
            for (WebElement row : browser.findElements(By.cssSelector("table.tasks tbody tr"))) {
                String holder = row.findElement(By.tagName("th")).getText();
                List<WebElement> cells = row.findElements(By.tagName("td"));
                String channel = cells.get(0).getText();
                String type = cells.get(1).getText();
                boolean open =
                        row.findElements(By.cssSelector(".badge.PENDING")).size() > 0;
                if (open && channel.equals("KAFKA") && !type.equals("EXPIRES") && answered.add(holder)) {
                    platform.reportOnKafka(
                            requestId,
                            holder,
                            type.equals("RESTRICT") ? "RESTRICTED" : preferred.get(preferred.size() - 1),
                            "browser test: done in the holder's system");
                }
            }
            if (answerOneByForm(requestId, preferred, answered)) {
                continue;
            }
            sleep(1_000);
        }
        throw new AssertionError("the request did not complete within " + WAIT + ": " + browser.getPageSource());
    }

    private boolean answerOneByForm(String requestId, List<String> preferred, Set<String> answered) {
        for (WebElement form :
                browser.findElements(By.cssSelector("form[action='/console/requests/" + requestId + "/outcome']"))) {
            // A copy that expires by itself needs no answer: the holder may confirm early, the DPO does not ask
            if (form.findElement(By.xpath("preceding-sibling::h3")).getText().contains("EXPIRES")) {
                continue;
            }
            Select holders = new Select(form.findElement(By.name("holder")));
            for (WebElement option : holders.getOptions()) {
                String holder = option.getAttribute("value");
                if (answered.contains(holder)) {
                    continue;
                }
                holders.selectByValue(holder);
                Select outcomes = new Select(form.findElement(By.name("outcome")));
                List<String> offered = new ArrayList<>();
                outcomes.getOptions().forEach(o -> offered.add(o.getAttribute("value")));
                String outcome = preferred.stream()
                        .filter(offered::contains)
                        .findFirst()
                        .orElseThrow(() ->
                                new AssertionError("none of " + preferred + " offered for " + holder + ": " + offered));
                outcomes.selectByValue(outcome);
                form.findElement(By.name("evidence")).sendKeys("browser test: ticket 4711 closed");
                answered.add(holder);
                form.findElement(By.cssSelector("button[type=submit]")).click();
                return true;
            }
        }
        return false;
    }

    private List<WebElement> rowsOf(String holder) {
        return browser.findElements(By.cssSelector("tr[data-holder='" + holder + "']"));
    }

    private String awaitPage(String path, java.util.function.Predicate<String> ready) {
        return await(
                () -> {
                    open(path);
                    String source = browser.getPageSource();
                    return ready.test(source) ? Optional.of(source) : Optional.empty();
                },
                path + " to show what is expected");
    }

    private Path awaitDownload(String suffix) {
        return await(
                () -> {
                    try (Stream<Path> files = Files.list(downloads)) {
                        return files.filter(f -> f.toString().endsWith(suffix)).findFirst();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "a " + suffix + " download");
    }

    private <T> T await(Supplier<Optional<T>> attempt, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            sleep(1_000);
        }
    }

    private void signIn() {
        browser.manage().deleteAllCookies();
        open("/console/sign-in");
        browser.findElement(By.id("token")).sendKeys(PlatformFixture.DPO_TOKEN);
        submit(By.cssSelector("form[action='/console/sign-in'] button[type=submit]"));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(b -> b.getPageSource().contains("Signed in as"));
    }

    private void submit(By button) {
        WebElement element = browser.findElement(button);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> "complete".equals(((JavascriptExecutor) b).executeScript("return document.readyState")));
    }

    private void open(String path) {
        browser.get(
                path.startsWith("http") ? path : platform.dpoUrl().resolve(path).toString());
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void assertAccessible(String page) {
        List<Accessibility.Violation> violations = Accessibility.seriousViolations(browser);
        assertThat(violations).as("serious accessibility violations on " + page).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
