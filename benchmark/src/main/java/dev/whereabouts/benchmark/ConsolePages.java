package dev.whereabouts.benchmark;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's pages timed (issue 12: every page within 200 ms at the 95th percentile with 200,000
 * people loaded): one browser-like client that keeps the session cookie (the demo signs it in), one
 * request at a time, each page warmed up first, then timed from sending the request to the last byte
 * of the answer over loopback (so the time is the server's plus the client's own small share). POST
 * forms carry the session's CSRF token, read from a page. Pages the build does not serve (404) are
 * reported as not measured.
 */
final class ConsolePages {

    /** The bar of issue 12, item 9. */
    static final double BAR_P95_MILLIS = 200;

    /** What a page says while its counts are still being counted in the background for the first time. */
    static final String STILL_COUNTING = "reload in a few seconds";

    private static final Pattern GROUP_LINK = Pattern.compile("href=\"(/console/findings/group\\?[^\"]+)\"");

    private static final Pattern REFERENCE = Pattern.compile("&(amp);|&#[xX]([0-9a-fA-F]+);|&#([0-9]+);");

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI api;
    private final int warmUp;
    private final int samples;

    /**
     * @param api     the DPO API's base URL
     * @param warmUp  untimed requests per page first
     * @param samples timed requests per page
     */
    ConsolePages(URI api, int warmUp, int samples) {
        this.api = api;
        this.warmUp = warmUp;
        this.samples = samples;
    }

    /** One page's measurement: its latencies, or why there are none. */
    record Page(String name, Percentiles millis, int warmUp, String notMeasured, String note) {

        Result result(String graph) {
            if (millis == null) {
                return Result.single(
                                "Console: " + name,
                                "not measured",
                                Double.NaN,
                                "p95 <= " + (int) BAR_P95_MILLIS + " ms",
                                Verdict.NO_BAR)
                        .withNote(notMeasured);
            }
            return Result.pageLatency(
                            "Console: " + name,
                            millis,
                            "p95 <= " + (int) BAR_P95_MILLIS + " ms",
                            Verdict.of(millis.p95() <= BAR_P95_MILLIS))
                    .withNote(millis.count() + " requests after " + warmUp + " warm-up, one client, one at a time;"
                            + " p99 " + Report.millis(millis.p99()) + ", max " + Report.millis(millis.max())
                            + (note.isEmpty() ? "" : "; " + note) + "; " + graph);
        }
    }

    /**
     * Opens the session (the demo signs it in) and waits until no page says its counts are still
     * being counted for the first time.
     */
    void signInAndWaitForCounts(List<String> paths, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String path : paths) {
            while (true) {
                HttpResponse<String> page = get(path);
                if (page.statusCode() != 200 || !page.body().contains(STILL_COUNTING)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(path + " still counting after " + timeout);
                }
                Thread.sleep(500);
            }
        }
    }

    /** GETs {@code path} until timed; a page answering other than 200 is not measured. */
    Page page(String name, String path) throws Exception {
        HttpResponse<String> first = get(path);
        if (first.statusCode() != 200) {
            return new Page(name, null, 0, "GET " + path + " answered " + first.statusCode() + " in this build", "");
        }
        Latencies millis = new Latencies();
        for (int i = -warmUp; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(path);
            if (i >= 0) {
                millis.since(start);
            }
            expect(response, 200, path);
        }
        return new Page(name, millis.percentiles(), warmUp, null, counted(first.body()));
    }

    /**
     * The people pages: the find form, finding a person by e-mail (POST, 303 to their page, which
     * remembers the reason) and the person's page (audited as a view), each person drawn at random.
     */
    List<Page> people(IntFunction<String> email, int people) throws Exception {
        HttpResponse<String> form = get("/console/people");
        if (form.statusCode() != 200) {
            String why = "GET /console/people answered " + form.statusCode() + ": no people pages in this build";
            return List.of(
                    new Page("find form /console/people", null, 0, why, ""),
                    new Page("find a person, POST /console/people/find", null, 0, why, ""),
                    new Page("a person's page /console/people/{subjectId}", null, 0, why, ""));
        }
        Page find = page("find form /console/people", "/console/people");
        String csrf = csrf(form.body());
        SplittableRandom random = new SplittableRandom(23);
        Latencies posts = new Latencies();
        Latencies views = new Latencies();
        for (int i = -warmUp; i < samples; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("csrf", csrf);
            fields.put("type", "email");
            fields.put("identifier", email.apply(random.nextInt(people)));
            fields.put("reason", "benchmark: console page latency");
            long start = System.nanoTime();
            HttpResponse<String> found = post("/console/people/find", fields);
            if (i >= 0) {
                posts.since(start);
            }
            expect(found, 303, "/console/people/find");
            String person = found.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("find answered 303 without a Location"));
            start = System.nanoTime();
            HttpResponse<String> view = get(URI.create(person).getPath());
            if (i >= 0) {
                views.since(start);
            }
            expect(view, 200, "a person's page");
        }
        return List.of(
                find,
                new Page(
                        "find a person, POST /console/people/find",
                        posts.percentiles(),
                        warmUp,
                        null,
                        "a random person's e-mail with a reason: pseudonymised, resolved, audited, 303 to their page"),
                new Page(
                        "a person's page /console/people/{subjectId}",
                        views.percentiles(),
                        warmUp,
                        null,
                        "the person just found (every holder per category as table and graph data; audited)"));
    }

    /** The findings page's first group link (the largest group: the page orders by count), if any. */
    Optional<String> largestGroup() throws Exception {
        Matcher m = GROUP_LINK.matcher(get("/console/findings").body());
        return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
    }

    /** An attribute value as the browser reads it: {@code &amp;} and numeric references ({@code &#x3D;}) resolved. */
    static String unescape(String attribute) {
        Matcher m = REFERENCE.matcher(attribute);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = "&";
            } else if (m.group(2) != null) {
                replacement = Character.toString(Integer.parseInt(m.group(2), 16));
            } else {
                replacement = Character.toString(Integer.parseInt(m.group(3)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String counted(String body) {
        return body.contains("counted in the background")
                ? "served from the background count (the page says when it was counted)"
                : "";
    }

    private static String csrf(String body) {
        Matcher m = CSRF.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + " instead of " + status);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(api.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(
                HttpRequest.newBuilder(api.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
