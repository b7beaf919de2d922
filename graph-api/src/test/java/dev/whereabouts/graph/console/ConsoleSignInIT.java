package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.api.ApiClient;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class ConsoleSignInIT {

    @Test
    void shouldLetADpoSignInWithTheirTokenIntoAnHttpOnlySameSiteSessionAndOutAgain(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            ConsoleClient browser = new ConsoleClient(api.url());

            // Outside the demo a page sends an unknown browser to sign in
            assertThat(browser.get("/").location()).isEqualTo("/console");
            ConsoleClient.Page home = browser.get("/console/");
            assertThat(home.status()).isEqualTo(303);
            assertThat(home.location()).isEqualTo("/console/sign-in");

            // A wrong token is refused on the sign-in page itself, naming what to fix
            ConsoleClient.Page wrong = browser.signIn("not-a-token-of-anyone-at-all");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.contentType()).startsWith("text/html");
            assertThat(wrong.body()).contains("That token is not known").doesNotContain("not-a-token-of-anyone");

            // An engineer's token is not enough for the console
            assertThat(browser.signIn(ApiClient.ENGINEER_TOKEN).status()).isEqualTo(403);

            // The DPO's token opens a session cookie a script cannot read and another site cannot send
            ConsoleClient.Page signedIn = browser.signIn(ApiClient.DPO_TOKEN);
            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(signedIn.location()).isEqualTo("/console/");
            assertThat(signedIn.header("set-cookie").orElseThrow())
                    .startsWith(Console.SESSION_COOKIE + "=")
                    .contains("HttpOnly")
                    .contains("SameSite=Strict")
                    .contains("Path=/console");

            ConsoleClient.Page overview = browser.get("/console/");
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.body())
                    .contains("Signed in as <strong>dpo@smarttrackers.nl</strong>")
                    .contains("people in the graph")
                    .contains("The last event applied to the graph")
                    .doesNotContain("Demo:");
            assertThat(overview.header("content-security-policy").orElseThrow())
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(overview.header("cache-control")).contains("no-store");

            // A form without this session's CSRF token is refused with a page that says what to do
            ConsoleClient.Page forged = browser.postRaw("/console/sign-out", Map.of("csrf", "forged"));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("Form expired").contains("csrf");

            // Signing out ends the session on the server, not only in the browser
            ConsoleClient.Page out = browser.post("/console/sign-out", Map.of());
            assertThat(out.status()).isEqualTo(303);
            assertThat(browser.get("/console/").location()).isEqualTo("/console/sign-in");
        }
    }

    @Test
    void shouldAnswerAnUnknownConsolePathWithAnHtmlPageAndTheApiWithProblemJson(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            ConsoleClient browser = new ConsoleClient(api.url());
            ConsoleClient.Page missing = browser.get("/console/no-such-page");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("text/html");
            assertThat(missing.body()).contains("Back to the console home");

            assertThat(browser.get("/v1/no-such-route").contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void shouldStopAnAddressGuessingTokensEvenWhenItFinallyHasTheRightOne(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            ConsoleClient browser = new ConsoleClient(api.url());
            for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
                assertThat(browser.signIn("guess-number-" + i + "-of-many-tokens")
                                .status())
                        .isEqualTo(401);
            }

            ConsoleClient.Page throttled = browser.signIn(ApiClient.DPO_TOKEN);

            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("retry-after")).isPresent();
            assertThat(throttled.body()).contains("Too many sign-ins");
            assertThat(throttled.header("set-cookie").orElse("")).doesNotContain(Console.SESSION_COOKIE);
        }
    }
}
