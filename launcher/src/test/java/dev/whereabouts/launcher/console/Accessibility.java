package dev.whereabouts.launcher.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (the webjar on the test classpath, injected through WebDriver, so the page's own
 * Content-Security-Policy stays as strict as in production) against the page the browser shows, with
 * the WCAG 2.0/2.1 A and AA rules, and answers the violations of impact serious or critical.
 */
final class Accessibility {

    private static final String AXE = load();

    private Accessibility() {}

    /** One rule the page breaks, with the places it breaks it. */
    record Violation(String rule, String impact, String help, List<String> targets) {

        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + ") at " + targets;
        }
    }

    /** Serious and critical violations on the current page. */
    @SuppressWarnings("unchecked")
    static List<Violation> seriousViolations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(AXE);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(r.violations.map(v => ({
                      rule: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.map(n => n.target.join(' '))}))))
                  .catch(e => done([{rule: 'axe-error', impact: 'critical', help: String(e), targets: []}]));
                """);
        List<Violation> serious = new ArrayList<>();
        for (Object item : (List<Object>) result) {
            Map<String, Object> v = (Map<String, Object>) item;
            String impact = String.valueOf(v.get("impact"));
            if ("serious".equals(impact) || "critical".equals(impact)) {
                serious.add(new Violation(
                        String.valueOf(v.get("rule")),
                        impact,
                        String.valueOf(v.get("help")),
                        ((List<Object>) v.get("targets"))
                                .stream().map(String::valueOf).toList()));
            }
        }
        return serious;
    }

    private static String load() {
        String version = version();
        String path = "/META-INF/resources/webjars/axe-core/" + version + "/axe.min.js";
        try (InputStream in = Accessibility.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test classpath at " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        String path = "/META-INF/maven/org.webjars.npm/axe-core/pom.properties";
        try (InputStream in = Accessibility.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the axe-core webjar is not on the test classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
