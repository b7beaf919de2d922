package dev.whereabouts.launcher;

import dev.whereabouts.launcher.cli.WhereaboutsCli;
import dev.whereabouts.launcher.demo.DemoData;
import dev.whereabouts.model.config.SettingOptions;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.stack.StackConfig;
import dev.whereabouts.stack.StackException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's run command: starts the embedded stack on one machine, prints its endpoints, and runs
 * until Ctrl-C or SIGTERM, then shuts everything down cleanly. Its options are generated from the
 * setting declarations ({@link PlatformSettings#LAUNCHER}): every key is {@code --name-with-dashes=value},
 * a system property or an environment variable (see {@code --help} and {@code docs/settings.md}).
 * With a command ({@code emit}, {@code tail}, ...) it works with a running platform instead.
 */
@Command(
        name = "whereabouts",
        mixinStandardHelpOptions = true,
        version = "Whereabouts 0.1.0",
        sortOptions = false,
        description = {
            "Starts the Whereabouts platform on this machine: a Kafka broker (KRaft), the schema registry,",
            "Neo4j with Bolt, the seed catalog, the lineage topology, the HTTP ingest service, the graph writer,",
            "the DPO API and the task dispatcher (webhook and e-mail holders), then runs until Ctrl-C. With a",
            "command, works with a running platform instead;",
            "every command has --help.",
            "Every option below is also a system property (-Dwhereabouts.kafka.port=19092) and an environment",
            "variable (WHEREABOUTS_KAFKA_PORT=19092); the reference is docs/settings.md."
        })
public final class Main implements Callable<Integer> {

    @Option(names = "--no-demo", description = "Start without demo data (same as --demo-people=0).")
    boolean noDemo;

    private SettingOptions options;

    private Main() {}

    public static void main(String[] args) {
        boolean command = args.length > 0 && WhereaboutsCli.COMMANDS.contains(args[0]);
        if (command) {
            // A command's output is its answer; client chatter would bury it. Set before any logger exists.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.dev.whereabouts.emitter", "error");
        }
        int exit = commandLine().execute(args);
        // After a run of the platform the JVM is already shutting down (SIGTERM): exiting again would hang.
        if (command || exit != 0) {
            System.exit(exit);
        }
    }

    /** The whole command line: the platform's options, then the commands. */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main);
        main.options = SettingOptions.addTo(commandLine.getCommandSpec(), PlatformSettings.LAUNCHER);
        WhereaboutsCli.addTo(commandLine);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(e.getMessage());
            if (failed == commandLine) {
                failed.getErr().println("Run with --help to see every option.");
            } else {
                failed.usage(failed.getErr());
            }
            return 2;
        });
        return commandLine;
    }

    /** The settings this run uses: the environment and system properties, the options on top. */
    Settings settings() {
        Settings settings = options.applyTo(Settings.fromProcess());
        return noDemo ? settings.with(PlatformSettings.DEMO_PEOPLE, 0) : settings;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        Settings settings = settings();
        StackConfig config;
        Platform platform;
        try {
            config = StackConfig.from(settings);
            out.println("Starting Whereabouts in " + config.dataDirectory() + " ...");
            Optional<ExternalEndpoints> external = ExternalEndpoints.from(settings);
            platform =
                    Platform.start(config, PlatformOptions.from(settings, external.isEmpty()), external, settings, out);
        } catch (StackException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("Whereabouts could not start: " + e.getMessage());
            return 1;
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
        return 0;
    }

    private static void printSummary(PrintStream out, Platform platform) {
        out.println();
        out.println("Whereabouts is ready (" + platform.startupTime().toMillis() + " ms)");
        for (Map.Entry<String, String> endpoint : platform.endpoints().entrySet()) {
            out.printf("  %-17s %s%n", endpoint.getKey(), endpoint.getValue());
        }
        out.println();
        out.println("Start in the browser: " + platform.dpoUrl() + "/console  (find a demo person, e.g. "
                + DemoData.email(0) + ", see where their data lives, erase them and follow the request)");
        out.println();
        out.println("Or from a terminal:");
        out.println("  curl -s -X POST " + platform.ingestUrl() + "/v1/events -H 'Content-Type: application/json' -d '"
                + "{\"sourceSystem\":\"smarttrackers-app\",\"subject\":{\"email\":\"alice@example.com\"},"
                + "\"holder\":\"postmark\",\"categories\":[\"user.contact.email\"],\"purpose\":\"system-mail\","
                + "\"legalBasis\":\"CONTRACT\"}'");
        out.println("  ./whereabouts tail            # the event on Kafka, decoded: pseudonyms only");
        out.println("Where does a demo person's data live (every holder, direct and onward, with retention)?");
        out.println("  curl -s -X POST " + platform.dpoUrl() + "/v1/lookup -H 'Content-Type: application/json' -d '"
                + "{\"subject\":{\"email\":\"" + DemoData.email(0) + "\"},\"reason\":\"demo\"}'");
        out.println(
                "Erase them: file, then record the identity check the statement prescribes; one task per holder"
                        + " (MoneyBird restricts under the 7-year tax rule, backups and caches answer with their expiry date):");
        out.println("  curl -s -X POST " + platform.dpoUrl() + "/v1/requests -H 'Content-Type: application/json' -d '"
                + "{\"type\":\"ERASURE\",\"subject\":{\"email\":\"" + DemoData.email(0) + "\"}}'");
        out.println(
                "  curl -s -X POST " + platform.dpoUrl()
                        + "/v1/requests/<requestId>/verification -H 'Content-Type: application/json' -d '"
                        + "{\"verified\":true,\"method\":\"ID_DOCUMENT_COPY\",\"note\":\"copy checked, numbers blacked out\"}'");
        out.println("Holders on the e-mail channel get their tasks as .eml files in the outbox above (or over SMTP"
                + " with --smtp-host); webhook holders pointed at the demo holder answer by themselves.");
        out.println("Record of processing activities:  curl -s '" + platform.dpoUrl() + "/v1/ropa?format=markdown'");
        out.println("  ./whereabouts --help          # every option; ./whereabouts emit --help, catalog --help, ...");
        out.println("Press Ctrl-C to stop; the data directory is reused on the next start.");
        out.flush();
    }
}
