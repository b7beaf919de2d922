package dev.whereabouts.launcher.cli;

import dev.whereabouts.catalog.Catalog;
import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.catalog.CatalogProblem;
import dev.whereabouts.catalog.CatalogPublisher;
import dev.whereabouts.catalog.CatalogValidator;
import dev.whereabouts.catalog.CatalogWatcher;
import dev.whereabouts.catalog.PublishResult;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code catalog validate|publish}: the catalog as code. */
@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "Validate and publish the catalog of holders and flows (privacy as code).",
        subcommands = {CatalogCommand.Validate.class, CatalogCommand.Publish.class})
final class CatalogCommand {

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = {
                "Check a catalog file; prints every problem as file:line:column: path: reason.",
                "Exit code 0 when valid, 1 when not."
            })
    static final class Validate implements Callable<Integer> {

        @Parameters(
                arity = "0..1",
                paramLabel = "FILE",
                description = "Catalog YAML file; the built-in SmartTrackers demo catalog when omitted.")
        Path file;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CatalogValidator validator = new CatalogValidator();
            CatalogValidator.Outcome outcome = file == null
                    ? validator.check(CatalogLoader.SEED_RESOURCE, CatalogLoader.seedText())
                    : validator.check(file);
            if (!outcome.isValid()) {
                List<CatalogProblem> problems = outcome.problems();
                problems.forEach(p -> out.println(p));
                out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems"));
                return 1;
            }
            Catalog catalog = outcome.orThrow();
            out.printf(
                    "valid: catalog %s, %d holders, %d flows, %d purposes%n",
                    catalog.version(),
                    catalog.holders().size(),
                    catalog.flows().size(),
                    catalog.purposes().size());
            return 0;
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description = {
                "Validate a catalog file and publish what changed to the catalog topics (compacted):",
                "new and changed holders and flows, and a tombstone for each one removed.",
                "With --watch, keep running and re-publish whenever the file changes."
            })
    static final class Publish extends ConnectedCommand {

        @Parameters(
                arity = "0..1",
                paramLabel = "FILE",
                description = "Catalog YAML file; the built-in SmartTrackers demo catalog when omitted.")
        Path file;

        @Option(names = "--watch", description = "Keep watching FILE and re-publish on every valid change.")
        boolean watch;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = out();
            try (SchemaRegistryClient registry = connection.registry();
                    CatalogPublisher publisher =
                            new CatalogPublisher(connection.kafkaProperties(), connection.serdes(registry))) {
                if (!watch) {
                    Catalog catalog = file == null ? CatalogLoader.seed() : CatalogLoader.load(file);
                    PublishResult result = publisher.publish(catalog);
                    out.println(result);
                    return 0;
                }
                if (file == null) {
                    out.println("--watch needs a FILE");
                    return 2;
                }
                try (CatalogWatcher watcher =
                        new CatalogWatcher(file, new CatalogValidator(), publisher, Duration.ofSeconds(2))) {
                    CatalogWatcher.Outcome first = watcher.start();
                    out.println(
                            first == CatalogWatcher.Outcome.REJECTED
                                    ? "watching " + file + "; it is invalid now, fix it: " + watcher.lastProblems()
                                    : "watching " + file + " (" + first + "; Ctrl-C to stop)");
                    out.flush();
                    new CountDownLatch(1).await();
                }
            }
            return 0;
        }
    }
}
