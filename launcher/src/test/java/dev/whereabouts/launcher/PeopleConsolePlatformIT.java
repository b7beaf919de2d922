package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request filed from the console's person page reaches the same holders as one filed through the REST
 * API: on the one-command platform (the demo, where the console opens signed in), a person shared by
 * the app is found in the console by e-mail, shown with the app's onward holders and backups from the
 * seed catalog's flows, and an erasure filed from their page is resolved by the topology to the same
 * subject and fanned out to the same holders as an erasure the REST API files from their raw e-mail
 * address. The console's request carries the pseudonyms the graph links to the subject, not the raw
 * identifier, so this is what shows the topology finds the person by them.
 */
class PeopleConsolePlatformIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String EMAIL = "gina.console@example.com";

    @TempDir
    Path dataDirectory;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldFanOutAnErasureFiledFromThePersonsPageToTheHoldersTheRestApiReaches() throws Exception {
        StackConfig config =
                StackConfig.fromEnvironment().withDataDirectory(dataDirectory).withEphemeralPorts();
        try (Platform platform = Platform.start(
                config, new PlatformOptions(0, 0, 0, true), new PrintStream(new ByteArrayOutputStream()))) {
            // Given gina, whose e-mail address and phone number the app received at sign-up
            HttpResponse<String> event = postJson(platform.ingestUrl(), "/v1/events", """
                    {"sourceSystem":"smarttrackers-app","subject":{"email":"%s","phone":"+31 6 2024 1234"},
                     "holder":"smarttrackers-app","categories":["user.contact.email"],"purpose":"account",
                     "legalBasis":"CONTRACT"}""".formatted(EMAIL));
            assertThat(event.statusCode()).as(event.body()).isEqualTo(202);
            awaitLookup(platform);

            // When the DPO finds her in the console by her e-mail address
            URI dpo = platform.dpoUrl();
            HttpResponse<String> form = get(dpo, "/console/people");
            assertThat(form.statusCode()).isEqualTo(200);
            HttpResponse<String> found = postForm(
                    dpo,
                    "/console/people/find",
                    csrf(form),
                    Map.of("type", "email", "identifier", EMAIL, "reason", "erasure request by e-mail"));
            assertThat(found.statusCode()).isEqualTo(303);
            String location = found.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("/console/people/s-").doesNotContain("gina");
            String subjectId = location.substring("/console/people/".length());

            // Then her page shows the app and where the catalog's flows take her data, the backups included
            HttpResponse<String> page = get(dpo, location);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("data-holder=\"smarttrackers-app\"")
                    .contains("data-holder=\"transip-vps-backups\"")
                    .contains("data-holder=\"amazon-s3-database-backups\"")
                    .contains("<td>onward via SmartTrackers application (app.smarttrackers.nl) and its database</td>")
                    .contains("\"id\":\"e-h-smarttrackers-app-h-amazon-s3-database-backups-HELD\"")
                    .doesNotContain("e-h-amazon-s3-database-backups-h-amazon-s3-database-backups")
                    .contains("\"classes\":\"onward backup\"")
                    .doesNotContain(EMAIL);

            // When she asks for erasure and the DPO files it from her page, and once more through the REST API
            HttpResponse<String> filed = postForm(
                    dpo, location + "/requests", csrf(page), Map.of("type", "ERASURE", "note", "asked by e-mail"));
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(303);
            String fromConsole =
                    filed.headers().firstValue("Location").orElseThrow().substring("/console/requests/".length());
            HttpResponse<String> rest =
                    postJson(dpo, "/v1/requests", "{\"type\":\"ERASURE\",\"subject\":{\"email\":\"" + EMAIL + "\"}}");
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(202);
            String fromRest = json.readTree(rest.body()).get("requestId").asText();

            // Then the topology resolves both to her and asks the same holders, once her identity is verified
            JsonNode console = verifiedAndFannedOut(platform, fromConsole);
            JsonNode api = verifiedAndFannedOut(platform, fromRest);
            assertThat(console.path("subjectId").asText()).isEqualTo(subjectId);
            assertThat(api.path("subjectId").asText()).isEqualTo(subjectId);
            assertThat(holders(console)).contains("smarttrackers-app", "amazon-s3-database-backups");
            assertThat(holders(console)).isEqualTo(holders(api));
        }
    }

    private JsonNode verifiedAndFannedOut(Platform platform, String requestId) throws Exception {
        await(platform, requestId, r -> r.path("state").asText().equals("AWAITING_VERIFICATION"));
        HttpResponse<String> verified = postJson(
                platform.dpoUrl(),
                "/v1/requests/" + requestId + "/verification",
                "{\"verified\":true,\"method\":\"ID_DOCUMENT_COPY\",\"note\":\"document checked\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(202);
        return await(platform, requestId, r -> r.path("tasks").size() > 0);
    }

    private static TreeSet<String> holders(JsonNode request) {
        TreeSet<String> holders = new TreeSet<>();
        request.path("tasks").forEach(task -> holders.add(task.path("holder").asText()));
        return holders;
    }

    private void awaitLookup(Platform platform) throws Exception {
        String body = "{\"subject\":{\"email\":\"" + EMAIL + "\"},\"reason\":\"console platform test\"}";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> found = postJson(platform.dpoUrl(), "/v1/lookup", body);
            if (found.statusCode() == 200 && found.body().contains("amazon-s3-database-backups")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not found with the onward holders within " + WAIT);
    }

    private JsonNode await(Platform platform, String requestId, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get(platform.dpoUrl(), "/v1/requests/" + requestId);
            if (answer.statusCode() == 200) {
                last = json.readTree(answer.body());
                if (until.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + WAIT.toSeconds() + " s; last answer: " + last);
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("the page carries a CSRF token").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(URI base, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(URI base, String path, String csrf, Map<String, String> fields)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("csrf", csrf);
        StringJoiner form = new StringJoiner("&");
        all.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
