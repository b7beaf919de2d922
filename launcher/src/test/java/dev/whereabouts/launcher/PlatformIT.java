package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.launcher.demo.DemoData;
import dev.whereabouts.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole platform as a new user runs it (stack, seed catalog, demo people, Streams, ingest,
 * graph writer, DPO API): an event over HTTP reaches the lookup, an erasure fans out and completes,
 * and a restart on the same data directory keeps all of it.
 */
class PlatformIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CAROL = "carol.platform@example.com";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    @Test
    void shouldStopWhatItStartedWhenTheDpoApiCannotStartAndStartCleanlyAfterwards() throws Exception {
        StackConfig config =
                StackConfig.fromEnvironment().withDataDirectory(dataDirectory).withEphemeralPorts();
        PrintStream progress = new PrintStream(new ByteArrayOutputStream());

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // The DPO API starts alongside Streams and ingest; its port is taken
            assertThatThrownBy(() ->
                            Platform.start(config, new PlatformOptions(0, taken.getLocalPort(), 0, true), progress))
                    .hasMessageContaining("DPO API");
        }

        // Everything it had started is gone: the same data directory and ports start again
        try (Platform platform = Platform.start(config, new PlatformOptions(0, 0, 0, true), progress)) {
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(platform.dpoUrl().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldTraceAPersonEraseThemAndKeepEverythingAcrossARestart() throws Exception {
        StackConfig config =
                StackConfig.fromEnvironment().withDataDirectory(dataDirectory).withEphemeralPorts();
        PlatformOptions options = new PlatformOptions(0, 0, 5, true);
        String requestId;
        Set<String> expiring = new HashSet<>();
        PrintStream progress = new PrintStream(new ByteArrayOutputStream());

        try (Platform platform = Platform.start(config, options, progress)) {
            // Given the demo people are loaded: the printed example person is found
            assertThat(platform.demoPeopleLoaded()).isEqualTo(5);
            JsonNode demo =
                    awaitLookup(platform, DemoData.email(0), l -> holders(l).contains("moneybird"));
            assertThat(holders(demo))
                    .contains("postmark", "heroku", "amazon-s3-database-backups", "transip-vps-backups");

            // When carol's sign-up and a mail are published over HTTP
            HttpResponse<String> accepted = post(platform.ingestUrl(), "/v1/events/batch", """
                    {"events":[
                      {"sourceSystem":"smarttrackers-app","subject":{"email":"%1$s","phone":"+31 6 5555 0101"},
                       "holder":"smarttrackers-app","categories":["user.contact.email","user.contact.phone_number"],
                       "purpose":"account","legalBasis":"CONTRACT"},
                      {"sourceSystem":"smarttrackers-app","subject":{"email":"%1$s"},"holder":"moneybird",
                       "categories":["user.contact.email"],"purpose":"invoicing","legalBasis":"LEGAL_OBLIGATION"},
                      {"sourceSystem":"smarttrackers-app","subject":{"email":"%1$s"},"holder":"postmark",
                       "categories":["user.contact.email"],"purpose":"system-mail","legalBasis":"CONTRACT"},
                      {"sourceSystem":"smarttrackers-app","subject":{"email":"%1$s"},"holder":"zendesk",
                       "categories":["user.contact.email"],"purpose":"helpdesk","legalBasis":"CONTRACT"}]}
                    """.formatted(CAROL));
            assertThat(accepted.statusCode()).isEqualTo(202);

            // Then a lookup by her phone finds her data at every holder, direct and onward, within seconds
            JsonNode carol = awaitLookup(
                    platform,
                    "+31655550101",
                    "phone",
                    l -> holders(l).contains("moneybird") && holders(l).contains("transip-vps-backups"));
            assertThat(holders(carol))
                    .contains("smarttrackers-app", "heroku", "memcached-cloud", "amazon-s3-database-backups");

            // And bad input at each entry point gets a precise answer
            HttpResponse<String> badEvent = post(platform.ingestUrl(), "/v1/events", """
                    {"sourceSystem":"smarttrackers-app","subject":{"email":"x@example.com"},"holder":"postmrak",
                     "categories":["user.contact.email"],"purpose":"system-mail","legalBasis":"CONTRACT"}""");
            assertThat(badEvent.statusCode()).isEqualTo(422);
            assertThat(badEvent.body()).contains("/holder").contains("postmark");
            HttpResponse<String> badLookup = post(platform.dpoUrl(), "/v1/lookup", "{\"subject\":{}}");
            assertThat(badLookup.statusCode()).isBetween(400, 422);
            assertThat(badLookup.headers().firstValue("Content-Type")).contains("application/problem+json");

            // When the DPO files her erasure
            HttpResponse<String> filed = post(
                    platform.dpoUrl(),
                    "/v1/requests",
                    "{\"type\":\"ERASURE\",\"subject\":{\"email\":\"" + CAROL + "\"},\"note\":\"platform test\"}");
            assertThat(filed.statusCode()).isEqualTo(202);
            requestId = json.readTree(filed.body()).get("requestId").asText();
            // The seed's controller verifies every request type: the DPO records the identity check first
            await(
                    () -> get(platform.dpoUrl(), "/v1/requests/" + requestId),
                    r -> r.path("state").asText().equals("AWAITING_VERIFICATION"));
            HttpResponse<String> verified = post(
                    platform.dpoUrl(),
                    "/v1/requests/" + requestId + "/verification",
                    "{\"verified\":true,\"method\":\"ID_DOCUMENT_COPY\",\"note\":\"platform test: document checked\"}");
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(202);
            JsonNode request = await(
                    () -> get(platform.dpoUrl(), "/v1/requests/" + requestId),
                    r -> taskHolders(r).containsAll(Set.of("postmark", "zendesk", "moneybird", "smarttrackers-app")));

            // Then every holder got a task: MoneyBird restricts under the tax rule, the self-expiring
            // backups and caches are answered with the date their copy is gone, the others erase
            Set<String> restricted = new HashSet<>();
            for (JsonNode task : request.get("tasks")) {
                if (task.get("type").asText().equals("RESTRICT")) {
                    restricted.add(task.get("holder").asText());
                    assertThat(task.get("reason").asText()).contains("7 years");
                }
                if (task.get("type").asText().equals("EXPIRES")) {
                    expiring.add(task.get("holder").asText());
                    assertThat(task.path("expiresAt").isTextual())
                            .as(task.toString())
                            .isTrue();
                }
            }
            assertThat(restricted).containsExactly("moneybird");
            assertThat(expiring)
                    .contains("heroku", "memcached-cloud", "amazon-s3-database-backups", "transip-vps-backups");

            // When each holder answers on its channel: Postmark's webhook is answered by the demo holder
            // on its callback URL; Zendesk answers the e-mail in the outbox through its link; MoneyBird
            // (manual) first reports a failure; the rest manually through the DPO or on Kafka
            answerTheEmail(platform, requestId, "zendesk");
            for (JsonNode task : request.get("tasks")) {
                String holder = task.get("holder").asText();
                String type = task.get("type").asText();
                if (type.equals("EXPIRES") || holder.equals("postmark") || holder.equals("zendesk")) {
                    continue;
                }
                report(platform, requestId, holder, holder.equals("moneybird") ? "FAILED" : "ERASED");
            }

            // Then the request is partially completed, naming MoneyBird, with Postmark's webhook answer in
            JsonNode partial = await(
                    () -> get(platform.dpoUrl(), "/v1/requests/" + requestId),
                    r -> r.path("state").asText().equals("PARTIALLY_COMPLETED"));
            assertThat(partial.path("failedHolders").toString()).contains("moneybird");
            assertThat(task(partial, "postmark").path("state").asText()).isEqualTo("ERASED");
            assertThat(task(partial, "postmark").path("evidence").asText()).contains("demo holder");
            assertThat(task(partial, "zendesk").path("state").asText()).isEqualTo("ERASED");
            assertThat(partial.path("answer").asText()).contains("gone by").contains("Not everything");

            // When MoneyBird restricts after all, the request completes
            report(platform, requestId, "moneybird", "RESTRICTED");
            JsonNode completed = await(
                    () -> get(platform.dpoUrl(), "/v1/requests/" + requestId),
                    r -> r.path("state").asText().equals("COMPLETED"));
            assertThat(completed.path("failedHolders").size()).isZero();

            // And the lookup shows her data erased (restricted at MoneyBird), except the copies that expire by
            // themselves
            JsonNode erased = awaitLookup(
                    platform, CAROL, l -> statusesExcept(l, expiring).stream().noneMatch("HELD"::equals));
            assertThat(statusesExcept(erased, expiring)).contains("ERASED", "RESTRICTED");
        }

        // When the platform starts again on the same data directory
        try (Platform again = Platform.start(config.withEphemeralPorts(), options, progress)) {
            // Then nothing is lost and the demo is not loaded twice
            assertThat(again.demoPeopleLoaded()).isZero();
            JsonNode request = get(again.dpoUrl(), "/v1/requests/" + requestId);
            assertThat(request.get("state").asText()).isEqualTo("COMPLETED");
            JsonNode carol = awaitLookup(again, CAROL, l -> !holders(l).isEmpty());
            assertThat(statusesExcept(carol, expiring)).doesNotContain("HELD");
        }
    }

    private void report(Platform platform, String requestId, String holder, String outcome) throws Exception {
        HttpResponse<String> manual = post(
                platform.dpoUrl(),
                "/v1/requests/" + requestId + "/outcomes",
                "{\"holder\":\"" + holder + "\",\"outcome\":\"" + outcome + "\",\"evidence\":\"platform test\"}");
        if (manual.statusCode() == 409) {
            // A holder on the Kafka channel reports from its own system; the command line plays that part.
            int exit = Main.commandLine()
                    .execute(
                            "outcome",
                            "--request",
                            requestId,
                            "--holder",
                            holder,
                            "--outcome",
                            outcome,
                            "--evidence",
                            "platform test",
                            "--bootstrap-servers",
                            platform.infrastructure().bootstrapServers(),
                            "--registry-url",
                            platform.infrastructure().registryUrl().toString());
            assertThat(exit).isZero();
        } else {
            assertThat(manual.statusCode()).as(manual.body()).isEqualTo(202);
        }
    }

    /** An EMAIL holder's answer: the task's mail in the outbox, its form link's token, the callback. */
    private void answerTheEmail(Platform platform, String requestId, String holder) throws Exception {
        Path outbox = dataDirectory.resolve("outbox");
        String taskId = requestId + "/" + holder;
        String encodedTask = java.net.URLEncoder.encode(taskId, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Pattern link = java.util.regex.Pattern.compile(
                "/v1/callbacks/tasks/" + java.util.regex.Pattern.quote(encodedTask) + "\\?token=(\\S+)");
        JsonNode found = await(
                () -> {
                    if (!java.nio.file.Files.isDirectory(outbox)) {
                        return json.createObjectNode();
                    }
                    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(outbox)) {
                        for (Path file :
                                files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                                jakarta.mail.internet.MimeMessage mail = new jakarta.mail.internet.MimeMessage(
                                        jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                                java.util.regex.Matcher m =
                                        link.matcher(mail.getContent().toString());
                                if (m.find()) {
                                    return json.createObjectNode()
                                            .put("token", m.group(1))
                                            .put("to", mail.getAllRecipients()[0].toString());
                                }
                            }
                        }
                    }
                    return json.createObjectNode();
                },
                n -> n.has("token"));
        assertThat(found.get("to").asText()).isEqualTo("privacy@zendesk.example");
        HttpResponse<String> answered = http.send(
                HttpRequest.newBuilder(URI.create(platform.dpoUrl() + "/v1/callbacks/tasks/" + encodedTask))
                        .header("Content-Type", "application/json")
                        .header("Whereabouts-Task-Token", found.get("token").asText())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"outcome\":\"ERASED\",\"evidence\":\"helpdesk ticket deleted\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
        HttpResponse<String> reused = http.send(
                HttpRequest.newBuilder(URI.create(platform.dpoUrl() + "/v1/callbacks/tasks/" + encodedTask))
                        .header("Content-Type", "application/json")
                        .header("Whereabouts-Task-Token", found.get("token").asText())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"outcome\":\"NOT_FOUND\",\"evidence\":\"second answer\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reused.statusCode()).as("a reused token: %s", reused.body()).isEqualTo(409);
    }

    private static Set<String> taskHolders(JsonNode request) {
        Set<String> holders = new HashSet<>();
        request.path("tasks").forEach(t -> holders.add(t.path("holder").asText()));
        return holders;
    }

    private static JsonNode task(JsonNode request, String holder) {
        for (JsonNode task : request.path("tasks")) {
            if (task.path("holder").asText().equals(holder)) {
                return task;
            }
        }
        throw new AssertionError("no task for " + holder + " in " + request);
    }

    private static List<String> statusesExcept(JsonNode lookup, Set<String> holders) {
        List<String> statuses = new ArrayList<>();
        lookup.path("categories")
                .forEach(c -> c.path("holders").forEach(h -> {
                    if (!holders.contains(h.path("holder").asText())) {
                        statuses.add(h.path("status").asText());
                    }
                }));
        return statuses;
    }

    private JsonNode awaitLookup(Platform platform, String email, Predicate<JsonNode> until) throws Exception {
        return awaitLookup(platform, email, "email", until);
    }

    private JsonNode awaitLookup(Platform platform, String value, String type, Predicate<JsonNode> until)
            throws Exception {
        String body = "{\"subject\":{\"" + type + "\":\"" + value + "\"},\"reason\":\"platform test\"}";
        return await(
                () -> {
                    HttpResponse<String> response = post(platform.dpoUrl(), "/v1/lookup", body);
                    return response.statusCode() == 200 ? json.readTree(response.body()) : json.createObjectNode();
                },
                until);
    }

    private interface Probe {
        JsonNode get() throws Exception;
    }

    private JsonNode await(Probe probe, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + WAIT.toSeconds() + " s; last answer: " + last);
    }

    private static Set<String> holders(JsonNode lookup) {
        Set<String> holders = new HashSet<>();
        lookup.path("categories")
                .forEach(c -> c.path("holders")
                        .forEach(h -> holders.add(h.path("holder").asText())));
        return holders;
    }

    private static List<String> statuses(JsonNode lookup) {
        List<String> statuses = new ArrayList<>();
        lookup.path("categories")
                .forEach(c -> c.path("holders")
                        .forEach(h -> statuses.add(h.path("status").asText())));
        return statuses;
    }

    private HttpResponse<String> post(URI base, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(URI base, String path) throws Exception {
        return json.readTree(
                http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
    }
}
