package dev.whereabouts.graph.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser, for the console's HTTP-level tests: keeps cookies, does not follow
 * redirects (tests look at them), posts forms with the page's CSRF token. The browser tests drive
 * real Chromium; these check status codes, headers and markup precisely.
 */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;
    private String csrf;

    public ConsoleClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A page as the browser got it. */
    public record Page(int status, String contentType, String body, Map<String, String> headers) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        public String location() {
            return header("location").orElseThrow(() -> new AssertionError("no Location header"));
        }
    }

    public Page get(String path) {
        return remember(send(HttpRequest.newBuilder(base.resolve(path)).GET()));
    }

    /** Posts a form with this session's CSRF token (from the last page that carried one). */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        if (csrf != null) {
            withToken.putIfAbsent("csrf", csrf);
        }
        return postRaw(path, withToken);
    }

    /** Posts exactly these fields (no CSRF token added). */
    public Page postRaw(String path, Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return remember(send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))));
    }

    /** Signs in with {@code token} through the sign-in form; the answer to the form post. */
    public Page signIn(String token) {
        Page form = get("/console/sign-in");
        Matcher formToken = FORM_TOKEN.matcher(form.body());
        if (!formToken.find()) {
            throw new AssertionError("the sign-in page has no form token: " + form.status());
        }
        return postRaw("/console/sign-in", Map.of("formToken", formToken.group(1), "token", token));
    }

    /** A file as the browser downloaded it. */
    public record Download(int status, String contentType, byte[] body, Map<String, String> headers) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Downloads {@code path} as bytes (a PDF, an export). */
    public Download download(String path) {
        Answer<byte[]> answer =
                send(HttpRequest.newBuilder(base.resolve(path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(answer.status(), answer.contentType(), answer.body(), answer.headers());
    }

    public Optional<String> csrf() {
        return Optional.ofNullable(csrf);
    }

    private Page remember(Page page) {
        Matcher matcher = CSRF.matcher(page.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return page;
    }

    private Page send(HttpRequest.Builder request) {
        Answer<String> answer = send(request, HttpResponse.BodyHandlers.ofString());
        return new Page(answer.status(), answer.contentType(), answer.body(), answer.headers());
    }

    private record Answer<T>(int status, String contentType, T body, Map<String, String> headers) {}

    private <T> Answer<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> response = http.send(request.build(), handler);
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) ->
                            headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
            return new Answer<>(
                    response.statusCode(),
                    response.headers().firstValue("content-type").orElse(""),
                    response.body(),
                    headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
