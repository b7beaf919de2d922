package dev.whereabouts.graph.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.Caller;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ErrorRenderer;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.FormBody;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DPO console: server-rendered HTML pages under {@code /console}, served by the DPO API's HTTP
 * service over the same services as the REST API (docs/console.md). This class owns what every page
 * shares: the session cookie (HttpOnly, SameSite=Strict, Secure over TLS), the role check, the CSRF
 * token every form posts, the layout, the security headers (a strict Content-Security-Policy: no
 * inline script, nothing from another origin), error pages that name what to fix, and the static
 * assets. The pages themselves are {@link Section}s.
 *
 * <p>In the embedded demo (an {@link Authenticator#isDemo() anonymous} authenticator) every browser is
 * signed in as the demo DPO, and each page says so.
 */
public final class Console {

    /** Where the console lives. */
    public static final String BASE = "/console";

    static final String SESSION_COOKIE = "whereabouts_console";
    static final String SIGN_IN_COOKIE = "whereabouts_sign_in";

    /** The largest form the console accepts. */
    static final int MAX_FORM_BYTES = 32 * 1024;

    /** The CSRF field of every form. */
    public static final String CSRF_FIELD = "csrf";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Map<String, Asset> ASSETS = Map.of(
            "console.css",
            new Asset("/console/assets/console.css", "text/css; charset=utf-8"),
            "console.js",
            new Asset("/console/assets/console.js", "text/javascript; charset=utf-8"),
            "graph.js",
            new Asset("/console/assets/graph.js", "text/javascript; charset=utf-8"),
            "cytoscape.min.js",
            new Asset(
                    "/META-INF/resources/webjars/cytoscape/" + CytoscapeVersion.VERSION + "/dist/cytoscape.min.js",
                    "text/javascript; charset=utf-8"));

    /** A group of console pages: its routes, built with the console's {@link #page} and {@link #action}. */
    public interface Section {
        List<Endpoint> routes(Console console);
    }

    /** Renders one page or performs one action. */
    @FunctionalInterface
    public interface Handler {
        Response handle(ConsoleRequest request);
    }

    private record Asset(String resource, String contentType) {}

    private final Authenticator authenticator;
    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;
    private final Templates templates = new Templates();
    private final ObjectMapper json;
    private final Clock clock;
    private final List<Endpoint> routes;

    public Console(Authenticator authenticator, ObjectMapper json, Clock clock, List<Section> sections) {
        this.authenticator = authenticator;
        this.sessions = new ConsoleSessions(clock);
        this.throttle = new SignInThrottle(clock);
        this.json = json;
        this.clock = clock;
        List<Endpoint> all = new ArrayList<>();
        all.add(Endpoint.open("GET", BASE + "/sign-in", this::signInForm));
        all.add(Endpoint.open("POST", BASE + "/sign-in", this::signIn));
        all.add(action("/sign-out", this::signOut));
        all.add(Endpoint.open("GET", BASE + "/assets/{name}", this::asset));
        for (Section section : sections) {
            all.addAll(section.routes(this));
        }
        this.routes = List.copyOf(all);
    }

    public List<Endpoint> routes() {
        return routes;
    }

    public Clock clock() {
        return clock;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A page a signed-in DPO may open: {@code GET /console<path>}. */
    public Endpoint page(String path, Handler handler) {
        return Endpoint.open("GET", BASE + path, r -> guarded(r, false, handler));
    }

    /** A form a signed-in DPO may post: {@code POST /console<path>}, refused without the session's CSRF token. */
    public Endpoint action(String path, Handler handler) {
        return Endpoint.open("POST", BASE + path, r -> guarded(r, true, handler));
    }

    /**
     * The page {@code view} inside the console's layout.
     *
     * @param nav   which navigation entry is current: home, people, requests, holders, findings, records
     * @param model the view's values; the layout's values (csrf, caller, demo) are visible to it too
     */
    public Response render(ConsoleRequest request, int status, String view, String title, String nav, Object model) {
        Map<String, Object> layout = layoutModel(Optional.of(request.session()), title, nav);
        layout.put("content", templates.render(view, model, layout));
        return page(status, templates.render("layout", layout));
    }

    /** A file to download, named {@code filename}. */
    public Response download(String contentType, String filename, byte[] body) {
        return secured(Response.bytes(200, contentType, body))
                .withHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    /** Values embedded in a page for its script, as JSON safe inside {@code <script type="application/json">}. */
    public String scriptJson(Object value) {
        try {
            return json.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    /**
     * The error renderer of the service the console runs in: an HTML page for {@code /console} paths
     * (404, 405, 413 and protocol errors included), {@code fallback} for every other path.
     */
    public ErrorRenderer errorRenderer(ErrorRenderer fallback) {
        return problem -> problem.instance() != null && isConsolePath(problem.instance())
                ? errorPage(Optional.empty(), problem)
                : fallback.render(problem);
    }

    static boolean isConsolePath(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }

    private Response guarded(Request http, boolean post, Handler handler) {
        Optional<ConsoleSession> found = http.cookie(SESSION_COOKIE).flatMap(sessions::find);
        String setCookie = null;
        if (found.isEmpty()) {
            if (!authenticator.isDemo()) {
                if (post) {
                    throw ProblemException.unauthorized("your session has ended; sign in again");
                }
                return Response.seeOther(BASE + "/sign-in");
            }
            ConsoleSession demo = sessions.open(new Caller("demo", EnumSet.allOf(Role.class)));
            found = Optional.of(demo);
            setCookie = sessionCookie(http, demo.id(), -1);
        }
        ConsoleSession session = found.get();
        try {
            if (!session.caller().has(Role.DPO)) {
                throw ProblemException.forbidden("the console is for the DPO role; your token does not have it");
            }
            FormBody form = FormBody.parse(new byte[0]);
            if (post) {
                form = http.formBody(MAX_FORM_BYTES);
                requireCsrf(session, form);
            }
            Response response = handler.handle(new ConsoleRequest(http, session, form));
            return setCookie == null ? response : response.withHeader("Set-Cookie", setCookie);
        } catch (ProblemException e) {
            Response page = errorPage(Optional.of(session), e.problem().withInstance(http.path()));
            return setCookie == null ? page : page.withHeader("Set-Cookie", setCookie);
        }
    }

    private static void requireCsrf(ConsoleSession session, FormBody form) {
        byte[] sent = form.first(CSRF_FIELD).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(Problem.of(
                    "csrf",
                    "Form expired",
                    403,
                    "this form did not come from your current session; reload the page and send it again",
                    List.of(new FieldError(CSRF_FIELD, "missing or not this session's"))));
        }
    }

    private Response signInForm(Request http) {
        if (authenticator.isDemo()) {
            return Response.seeOther(BASE + "/");
        }
        return signInPage(http, 200, null);
    }

    private Response signInPage(Request http, int status, String error) {
        String formToken = ConsoleSessions.randomToken();
        Map<String, Object> layout = layoutModel(Optional.empty(), "Sign in", "");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("formToken", formToken);
        model.put("error", error);
        layout.put("content", templates.render("sign-in", model, layout));
        return page(status, templates.render("layout", layout))
                .withHeader(
                        "Set-Cookie",
                        SIGN_IN_COOKIE + "=" + formToken + "; Path=" + BASE + "/sign-in; Max-Age=900; HttpOnly; "
                                + "SameSite=Strict" + (http.isSecure() ? "; Secure" : ""));
    }

    private Response signIn(Request http) {
        if (authenticator.isDemo()) {
            return Response.seeOther(BASE + "/");
        }
        FormBody form = http.formBody(MAX_FORM_BYTES);
        // Login CSRF: the form's token must match the cookie set with the form (double submit).
        byte[] sent = form.first("formToken").orElse("").getBytes(StandardCharsets.UTF_8);
        byte[] expected = http.cookie(SIGN_IN_COOKIE).orElse("").getBytes(StandardCharsets.UTF_8);
        if (expected.length == 0 || !MessageDigest.isEqual(sent, expected)) {
            return signInPage(http, 403, "The sign-in form expired. Enter your token again.");
        }
        Optional<Duration> wait = throttle.waitFor(http.remoteAddress());
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
            return signInPage(
                            http,
                            429,
                            "Too many sign-ins with unknown tokens from your address. Try again in " + minutes
                                    + (minutes == 1 ? " minute." : " minutes."))
                    .withHeader(
                            "Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
        }
        Optional<String> token = form.first("token");
        if (token.isEmpty()) {
            return signInPage(http, 422, "Enter your token.");
        }
        Optional<Caller> caller = authenticator.forToken(token.get());
        if (caller.isEmpty()) {
            throttle.failed(http.remoteAddress());
            return signInPage(http, 401, "That token is not known. Check it and try again.");
        }
        if (!caller.get().has(Role.DPO)) {
            return signInPage(http, 403, "That token does not have the DPO role the console needs.");
        }
        ConsoleSession session = sessions.open(caller.get());
        return Response.seeOther(BASE + "/").withHeader("Set-Cookie", sessionCookie(http, session.id(), -1));
    }

    private Response signOut(ConsoleRequest request) {
        sessions.close(request.session().id());
        return Response.seeOther(BASE + "/sign-in").withHeader("Set-Cookie", sessionCookie(request.http(), "", 0));
    }

    private static String sessionCookie(Request http, String value, int maxAge) {
        return SESSION_COOKIE + "=" + value + "; Path=" + BASE + "; HttpOnly; SameSite=Strict"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
                + (http.isSecure() ? "; Secure" : "");
    }

    private Response asset(Request http) {
        Asset asset = ASSETS.get(http.pathParameter("name"));
        if (asset == null) {
            throw ProblemException.notFound("no console asset named like that");
        }
        try (InputStream in = Console.class.getResourceAsStream(asset.resource())) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + asset.resource());
            }
            return Response.bytes(200, asset.contentType(), in.readAllBytes())
                    .withHeader("Cache-Control", "private, max-age=3600")
                    .withHeader("X-Content-Type-Options", "nosniff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> layoutModel(Optional<ConsoleSession> session, String title, String nav) {
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", title);
        layout.put("signedIn", session.isPresent());
        layout.put("callerName", session.map(s -> s.caller().name()).orElse(null));
        layout.put(CSRF_FIELD, session.map(ConsoleSession::csrf).orElse(null));
        layout.put("demo", authenticator.isDemo());
        for (String entry : List.of("home", "people", "requests", "holders", "findings", "records")) {
            layout.put("nav_" + entry, entry.equals(nav));
        }
        return layout;
    }

    private Response errorPage(Optional<ConsoleSession> session, Problem problem) {
        Map<String, Object> layout = layoutModel(session, problem.title(), "");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", problem.status());
        model.put("title", problem.title());
        model.put("detail", problem.detail());
        model.put("errors", problem.errors() == null ? List.of() : problem.errors());
        model.put("hasErrors", problem.errors() != null && !problem.errors().isEmpty());
        model.put("signInAgain", problem.status() == 401);
        layout.put("content", templates.render("error", model, layout));
        return page(problem.status(), templates.render("layout", layout));
    }

    private static Response page(int status, String html) {
        return secured(Response.html(status, html));
    }

    private static Response secured(Response response) {
        return response.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Cache-Control", "no-store");
    }
}
