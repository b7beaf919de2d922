package dev.whereabouts.launcher;

import dev.whereabouts.ingest.cli.WhereaboutsCli;
import dev.whereabouts.launcher.demo.DemoData;
import dev.whereabouts.stack.StackConfig;
import dev.whereabouts.stack.StackException;
import dev.whereabouts.stack.StackSetting;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: starts the embedded stack on one machine, prints its endpoints, and runs
 * until Ctrl-C or SIGTERM, then shuts everything down cleanly. Every setting can be given as
 * {@code --kafka-port=19092}, as a system property or as an environment variable (see {@code --help}).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && WhereaboutsCli.COMMANDS.contains(args[0])) {
            // A command's output is its answer; client chatter would bury it. Set before any logger exists.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.dev.whereabouts.emitter", "error");
            System.exit(WhereaboutsCli.run(args));
        }
        PrintStream out = System.out;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                printHelp(out);
                return;
            }
            Optional<String> problem = applyOption(arg);
            if (problem.isPresent()) {
                System.err.println(problem.get());
                System.err.println("Run with --help to see every option.");
                System.exit(2);
            }
        }

        StackConfig config;
        Platform platform;
        try {
            config = StackConfig.fromEnvironment();
            out.println("Starting Whereabouts in " + config.dataDirectory() + " ...");
            Optional<ExternalEndpoints> external = ExternalEndpoints.from(System.getenv(), System.getProperties());
            platform = Platform.start(
                    config,
                    PlatformOptions.from(System.getenv(), System.getProperties(), external.isEmpty()),
                    external,
                    out);
        } catch (StackException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("Whereabouts could not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("Stopping Whereabouts ...");
                            platform.close();
                            out.println("Stopped; data kept in " + config.dataDirectory());
                            stopped.countDown();
                        },
                        "whereabouts-shutdown"));

        printSummary(out, platform);
        stopped.await();
    }

    /** Turns {@code --kafka-port=19092} into the system property of the matching {@link StackSetting}. */
    static Optional<String> applyOption(String arg) {
        if (arg.equals("--no-demo")) {
            System.setProperty(PlatformOptions.systemProperty("demo-people"), "0");
            return Optional.empty();
        }
        if (!arg.startsWith("--") || !arg.contains("=")) {
            return Optional.of("unknown argument '" + arg + "': options look like --name=value");
        }
        String name = arg.substring(2, arg.indexOf('='));
        String value = arg.substring(arg.indexOf('=') + 1);
        if (PlatformOptions.OPTIONS.containsKey(name)) {
            System.setProperty(PlatformOptions.systemProperty(name), value);
            return Optional.empty();
        }
        if (ExternalEndpoints.OPTIONS.containsKey(name)) {
            System.setProperty(ExternalEndpoints.systemProperty(name), value);
            return Optional.empty();
        }
        Optional<StackSetting> setting = Arrays.stream(StackSetting.values())
                .filter(s -> optionName(s).equals(name))
                .findFirst();
        if (setting.isEmpty()) {
            return Optional.of("unknown option --" + name);
        }
        System.setProperty(setting.get().systemProperty(), value);
        return Optional.empty();
    }

    static String optionName(StackSetting setting) {
        return setting.environmentVariable()
                .substring("WHEREABOUTS_".length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '-');
    }

    private static void printSummary(PrintStream out, Platform platform) {
        out.println();
        out.println("Whereabouts is ready (" + platform.startupTime().toMillis() + " ms)");
        for (Map.Entry<String, String> endpoint : platform.endpoints().entrySet()) {
            out.printf("  %-17s %s%n", endpoint.getKey(), endpoint.getValue());
        }
        out.println();
        out.println("Try:");
        out.println("  curl -s -X POST " + platform.ingestUrl() + "/v1/events -H 'Content-Type: application/json' -d '"
                + "{\"sourceSystem\":\"smarttrackers-app\",\"subject\":{\"email\":\"alice@example.com\"},"
                + "\"holder\":\"postmark\",\"categories\":[\"user.contact.email\"],\"purpose\":\"system-mail\","
                + "\"legalBasis\":\"CONTRACT\"}'");
        out.println("  ./whereabouts tail            # the event on Kafka, decoded: pseudonyms only");
        out.println("Where does a demo person's data live (every holder, direct and onward, with retention)?");
        out.println("  curl -s -X POST " + platform.dpoUrl() + "/v1/lookup -H 'Content-Type: application/json' -d '"
                + "{\"subject\":{\"email\":\"" + DemoData.email(0) + "\"},\"reason\":\"demo\"}'");
        out.println(
                "Erase them (one task per holder, backups included; MoneyBird restricts under the 7-year tax rule):");
        out.println("  curl -s -X POST " + platform.dpoUrl() + "/v1/requests -H 'Content-Type: application/json' -d '"
                + "{\"type\":\"ERASURE\",\"subject\":{\"email\":\"" + DemoData.email(0) + "\"}}'");
        out.println("Record of processing activities:  curl -s '" + platform.dpoUrl() + "/v1/ropa?format=markdown'");
        out.println("  ./whereabouts --help          # every option; ./whereabouts emit --help, catalog --help, ...");
        out.println("Press Ctrl-C to stop; the data directory is reused on the next start.");
        out.flush();
    }

    private static void printHelp(PrintStream out) {
        out.println("Usage: ./whereabouts [--option=value ...]      run the platform");
        out.println("       ./whereabouts <command> [--help]         emit, tail, catalog, dead-letters");
        out.println();
        out.println("Starts the Whereabouts platform on this machine: a Kafka broker (KRaft), the schema registry,");
        out.println("Neo4j with Bolt, the seed catalog and the HTTP ingest service, then runs until Ctrl-C.");
        out.println("Options (or environment variables):");
        for (StackSetting setting : StackSetting.values()) {
            out.printf(
                    "  --%-24s %s%n      env %s, default %s%n",
                    optionName(setting) + "=...", setting.doc(), setting.environmentVariable(), setting.defaultValue());
        }
        PlatformOptions.OPTIONS.forEach((name, spec) ->
                out.printf("  --%-24s %s%n      env %s, default %s%n", name + "=...", spec[2], spec[0], spec[1]));
        out.println("  --no-demo                  Start without demo data.");
        out.println();
        out.println("Run the services against external Kafka, registry and Neo4j instead of the embedded stack:");
        ExternalEndpoints.OPTIONS.forEach(
                (name, spec) -> out.printf("  --%-30s %s (env %s)%n", name + "=...", spec[1], spec[0]));
        out.println();
        WhereaboutsCli.run("--help");
    }
}
