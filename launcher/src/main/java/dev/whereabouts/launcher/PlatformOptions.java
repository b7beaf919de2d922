package dev.whereabouts.launcher;

import java.util.Map;
import java.util.Properties;

/**
 * What the platform runs beyond the stack: the service ports and the size of the demo. Each comes
 * from a system property ({@code whereabouts.demo.people}), else an environment variable
 * ({@code WHEREABOUTS_DEMO_PEOPLE}), else the default.
 *
 * @param ingestPort HTTP port of the ingest service (0 = any free port)
 * @param apiPort    HTTP port of the DPO API (0 = any free port)
 * @param demoPeople synthetic people loaded into a fresh platform; 0 for none
 * @param demoAccess anonymous callers with every role and the public demo pseudonymisation key, unless
 *                   tokens and keys are configured: the embedded demo only, never with real data
 */
public record PlatformOptions(int ingestPort, int apiPort, int demoPeople, boolean demoAccess) {

    /** Option names on the command line, with their environment variables and defaults. */
    static final Map<String, String[]> OPTIONS = Map.of(
            "ingest-port", new String[] {"WHEREABOUTS_INGEST_PORT", "8090", "HTTP port of the ingest service."},
            "api-port", new String[] {"WHEREABOUTS_API_PORT", "8080", "HTTP port of the DPO API."},
            "demo-people",
                    new String[] {
                        "WHEREABOUTS_DEMO_PEOPLE",
                        "1000",
                        "Synthetic people loaded on the first start (0 or --no-demo for none)."
                    });

    public PlatformOptions {
        if (ingestPort < 0 || ingestPort > 65535 || apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535");
        }
        if (demoPeople < 0) {
            throw new IllegalArgumentException("demo people must be 0 or more, got " + demoPeople);
        }
    }

    /**
     * @param embedded whether the platform runs its own embedded stack: only then is demo access the
     *                 default; against external services it needs {@code WHEREABOUTS_DEMO=true}
     */
    static PlatformOptions from(Map<String, String> environment, Properties systemProperties, boolean embedded) {
        String demo = environment.get("WHEREABOUTS_DEMO");
        return new PlatformOptions(
                value("ingest-port", environment, systemProperties),
                value("api-port", environment, systemProperties),
                value("demo-people", environment, systemProperties),
                demo == null ? embedded : Boolean.parseBoolean(demo));
    }

    static String systemProperty(String option) {
        return "whereabouts." + option.replace('-', '.');
    }

    private static int value(String option, Map<String, String> environment, Properties systemProperties) {
        String[] spec = OPTIONS.get(option);
        String raw = systemProperties.getProperty(systemProperty(option), environment.getOrDefault(spec[0], spec[1]));
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + option + " (" + spec[0] + ") must be a number, got '" + raw + "'");
        }
    }
}
