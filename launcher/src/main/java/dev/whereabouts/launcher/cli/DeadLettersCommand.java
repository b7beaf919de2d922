package dev.whereabouts.launcher.cli;

import dev.whereabouts.ingest.deadletter.DeadLetterEntry;
import dev.whereabouts.ingest.deadletter.DeadLetterStore;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.topic.Topic;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dead-letters list|replay}: what could not be processed, and sending it again after a fix. */
@Command(
        name = "dead-letters",
        mixinStandardHelpOptions = true,
        description = "List records that could not be processed, and replay them after a fix.",
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Replay.class})
final class DeadLettersCommand {

    static class Selection {
        @Option(
                names = "--topic",
                paramLabel = "TOPIC",
                description =
                        "An input topic (its dead-letter twin is read) or a dead-letter topic; every dead-letter topic when omitted.")
        String topic;

        @Option(
                names = "--offsets",
                split = ",",
                paramLabel = "N",
                description = "Only the letters at these offsets of the dead-letter topic (as printed by list).")
        Set<Long> offsets;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Only letters whose reason contains TEXT.")
        String reason;

        List<Topic<byte[], DeadLetter>> topics() {
            if (topic == null) {
                return DeadLetterStore.deadLetterTopics();
            }
            return List.of(DeadLetterStore.resolve(topic)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no dead-letter topic for '" + topic + "'; known: " + DeadLetterStore.deadLetterTopics())));
        }

        Predicate<DeadLetterEntry> filter() {
            return entry -> (offsets == null || offsets.contains(entry.offset()))
                    && (reason == null || entry.letter().getReason().contains(reason));
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Print one line per dead letter: position, time, stage, source, size, reason.")
    static final class ListLetters extends ConnectedCommand {

        @Mixin
        Selection selection;

        @Override
        public Integer call() {
            PrintWriter out = out();
            int count = 0;
            try (SchemaRegistryClient registry = connection.registry()) {
                DeadLetterStore store = new DeadLetterStore(
                        connection.bootstrapServers(), connection.serdes(registry), Duration.ofSeconds(30));
                for (Topic<byte[], DeadLetter> topic : selection.topics()) {
                    for (DeadLetterEntry entry : store.list(topic, selection.filter())) {
                        out.println(entry.summary());
                        count++;
                    }
                }
            }
            out.println(count + (count == 1 ? " dead letter" : " dead letters"));
            return 0;
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = {
                "Send the original bytes of the selected dead letters back to the topics they came from.",
                "Select with --topic and --offsets or --reason; --all replays everything selected by --topic.",
                "Replaying twice is harmless: consumers deduplicate by event id."
            })
    static final class Replay extends ConnectedCommand {

        @Mixin
        Selection selection;

        @Option(
                names = "--all",
                description = "Replay every letter of the selected topics (required when no --offsets or --reason).")
        boolean all;

        @Option(names = "--dry-run", description = "Only print what would be replayed.")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = out();
            if (!all && selection.offsets == null && selection.reason == null) {
                out.println("say which letters: --offsets, --reason, or --all");
                return 2;
            }
            try (SchemaRegistryClient registry = connection.registry()) {
                DeadLetterStore store = new DeadLetterStore(
                        connection.bootstrapServers(), connection.serdes(registry), Duration.ofSeconds(30));
                List<DeadLetterEntry> chosen = new ArrayList<>();
                for (Topic<byte[], DeadLetter> topic : selection.topics()) {
                    chosen.addAll(store.list(topic, selection.filter()));
                }
                chosen.forEach(entry -> out.println((dryRun ? "would replay " : "replaying ") + entry.summary()));
                if (!dryRun && !chosen.isEmpty()) {
                    store.replay(chosen);
                }
                out.println((dryRun ? "would replay " : "replayed ") + chosen.size() + " dead letters");
            }
            return 0;
        }
    }
}
