package dev.whereabouts.launcher.cli;

import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcome}: report a holder's outcome for its task on Kafka, as a holder on the KAFKA erasure
 * channel does from its own system (holders on EMAIL or MANUAL channels are recorded by the DPO
 * through the DPO API instead).
 */
@Command(
        name = "outcome",
        mixinStandardHelpOptions = true,
        description = {
            "Report what a holder did with its task of a data-subject request, on Kafka, as the holder's own system would.",
            "Example:",
            "  ./whereabouts outcome --request 4a79f001-... --holder smarttrackers-app --outcome ERASED \\",
            "      --evidence 'account 42 deleted, log #981'"
        })
final class OutcomeCommand extends ConnectedCommand {

    @Option(names = "--request", required = true, description = "Request id, as returned when the request was filed.")
    String requestId;

    @Option(names = "--holder", required = true, description = "Catalog id of the holder reporting.")
    String holder;

    @Option(names = "--outcome", required = true, description = "ERASED, RESTRICTED, EXPORTED, NOT_FOUND or FAILED.")
    OutcomeType outcome;

    @Option(
            names = "--evidence",
            required = true,
            description = "Proof: a ticket, deletion log id, export location, or the error.")
    String evidence;

    @Option(
            names = "--reported-by",
            defaultValue = "whereabouts-cli",
            description = "Who reports (default ${DEFAULT-VALUE}).")
    String reportedBy;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        // Task ids are deterministic (request id / holder), so the holder's system can name its task.
        HolderOutcome record = HolderOutcome.newBuilder()
                .setTaskId(requestId + "/" + holder)
                .setRequestId(requestId)
                .setHolder(holder)
                .setOutcome(outcome)
                .setEvidence(evidence)
                .setReportedAt(Instant.now())
                .setReportedBy(reportedBy)
                .build();
        try (SchemaRegistryClient registry = connection.registry()) {
            TopicSerdes serdes = connection.serdes(registry);
            Map<String, Object> properties = connection.kafkaProperties();
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            try (KafkaProducer<String, HolderOutcome> producer = new KafkaProducer<>(
                    properties,
                    serdes.keySerde(Topics.DSR_OUTCOMES).serializer(),
                    serdes.valueSerde(Topics.DSR_OUTCOMES).serializer())) {
                producer.send(new ProducerRecord<>(Topics.DSR_OUTCOMES.name(), requestId, record))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        out.println("reported " + outcome + " by " + holder + " for request " + requestId);
        return 0;
    }
}
