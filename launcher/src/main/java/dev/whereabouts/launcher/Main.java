package dev.whereabouts.launcher;

import dev.whereabouts.stack.EmbeddedStack;
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

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
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
        EmbeddedStack stack;
        try {
            config = StackConfig.fromEnvironment();
            out.println("Starting the Whereabouts embedded stack in " + config.dataDirectory() + " ...");
            stack = EmbeddedStack.start(config);
        } catch (StackException | IllegalArgumentException e) {
            System.err.println("Whereabouts could not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Whereabouts ...");
            stack.close();
            out.println("Stopped; data kept in " + config.dataDirectory());
            stopped.countDown();
        }, "whereabouts-shutdown"));

        printSummary(out, stack);
        stopped.await();
    }

    /** Turns {@code --kafka-port=19092} into the system property of the matching {@link StackSetting}. */
    static Optional<String> applyOption(String arg) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
            return Optional.of("unknown argument '" + arg + "': options look like --name=value");
        }
        String name = arg.substring(2, arg.indexOf('='));
        String value = arg.substring(arg.indexOf('=') + 1);
        Optional<StackSetting> setting = Arrays.stream(StackSetting.values())
                .filter(s -> optionName(s).equals(name)).findFirst();
        if (setting.isEmpty()) {
            return Optional.of("unknown option --" + name);
        }
        System.setProperty(setting.get().systemProperty(), value);
        return Optional.empty();
    }

    static String optionName(StackSetting setting) {
        return setting.environmentVariable().substring("WHEREABOUTS_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void printSummary(PrintStream out, EmbeddedStack stack) {
        out.println();
        out.println("Whereabouts embedded stack is ready (" + stack.startupTime().toMillis() + " ms)");
        for (Map.Entry<String, String> endpoint : stack.endpoints().entrySet()) {
            out.printf("  %-17s %s%n", endpoint.getKey(), endpoint.getValue());
        }
        out.println();
        out.println("Try:  curl -s " + stack.registryUrl() + "/subjects");
        out.println("Press Ctrl-C to stop; the data directory is reused on the next start.");
        out.flush();
    }

    private static void printHelp(PrintStream out) {
        out.println("Usage: ./whereabouts [--option=value ...]");
        out.println();
        out.println("Starts the Whereabouts platform on this machine: a Kafka broker (KRaft), the schema registry");
        out.println("and Neo4j with Bolt, then runs until Ctrl-C. Options (or environment variables):");
        for (StackSetting setting : StackSetting.values()) {
            out.printf("  --%-24s %s%n      env %s, default %s%n", optionName(setting) + "=...", setting.doc(),
                    setting.environmentVariable(), setting.defaultValue());
        }
    }
}
