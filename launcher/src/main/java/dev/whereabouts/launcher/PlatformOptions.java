package dev.whereabouts.launcher;

import dev.whereabouts.graph.api.ApiSettings;
import dev.whereabouts.ingest.http.IngestSettings;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Settings;
import java.util.Map;
import java.util.Properties;

/**
 * What the platform runs beyond the stack: the service ports and the size of the demo, from
 * {@link IngestSettings#PORT}, {@link ApiSettings#PORT}, {@link PlatformSettings#DEMO_PEOPLE},
 * {@link CommonSettings#DEMO} and {@link PlatformSettings#DEMO_HOLDER_PORT}.
 *
 * @param ingestPort HTTP port of the ingest service (0 = any free port)
 * @param apiPort    HTTP port of the DPO API (0 = any free port)
 * @param demoPeople synthetic people loaded into a fresh platform; 0 for none
 * @param demoAccess anonymous callers with every role and the public demo pseudonymisation key, unless
 *                   tokens and keys are configured: the embedded demo only, never with real data
 * @param demoHolderPort port of the demo webhook holder (0 = any free port), run with demo access only
 */
public record PlatformOptions(int ingestPort, int apiPort, int demoPeople, boolean demoAccess, int demoHolderPort) {

    public PlatformOptions {
        if (ingestPort < 0 || ingestPort > 65535 || apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535");
        }
        if (demoHolderPort < 0 || demoHolderPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535");
        }
        if (demoPeople < 0) {
            throw new IllegalArgumentException("demo people must be 0 or more, got " + demoPeople);
        }
    }

    /** With the demo webhook holder on its default port. */
    public PlatformOptions(int ingestPort, int apiPort, int demoPeople, boolean demoAccess) {
        this(ingestPort, apiPort, demoPeople, demoAccess, PlatformSettings.DEMO_HOLDER_PORT.defaultParsed());
    }

    static PlatformOptions from(Map<String, String> environment, Properties systemProperties, boolean embedded) {
        return from(Settings.of(environment, systemProperties), embedded);
    }

    /**
     * @param embedded whether the platform runs its own embedded stack: only then is demo access the
     *                 default; against external services it needs {@code WHEREABOUTS_DEMO=true}
     */
    static PlatformOptions from(Settings settings, boolean embedded) {
        return new PlatformOptions(
                settings.get(IngestSettings.PORT),
                settings.get(ApiSettings.PORT),
                settings.get(PlatformSettings.DEMO_PEOPLE),
                settings.isSet(CommonSettings.DEMO) ? settings.get(CommonSettings.DEMO) : embedded,
                settings.get(PlatformSettings.DEMO_HOLDER_PORT));
    }
}
