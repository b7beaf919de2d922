package dev.whereabouts.streams.errors;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safety net for records Streams itself fails to deserialise. The input topics the topology
 * processes are read as bytes and decoded in the topology (so their poison records are
 * dead-lettered transactionally); what reaches this handler are records of the catalog topics (read
 * by the global thread into global stores) and of the topology's own topics. A record of a topic
 * with a dead-letter twin is sent there, with the original bytes and the reason, through the
 * {@link DeadLetterSender} configured under {@link #SENDER_CONFIG}, and skipped; anything else, or
 * a send that fails, stops processing rather than lose the record silently.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Config key under which {@code StreamsApp} passes the {@link DeadLetterSender} instance. */
    public static final String SENDER_CONFIG = "whereabouts.dead-letter.sender";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterSender sender;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(SENDER_CONFIG);
        if (!(configured instanceof DeadLetterSender s)) {
            throw new IllegalArgumentException(SENDER_CONFIG + " must hold a DeadLetterSender, got " + configured);
        }
        this.sender = s;
    }

    @Override
    public DeserializationHandlerResponse handle(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Optional<Topic<byte[], DeadLetter>> twin = Topics.byName(record.topic()).flatMap(Topic::deadLetters);
        if (twin.isEmpty()) {
            LOG.error(
                    "cannot deserialise a record of {}-{}@{} and it has no dead-letter topic: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    exception.getMessage());
            return DeserializationHandlerResponse.FAIL;
        }
        DeadLetter letter = sender.deadLetters()
                .of(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value(),
                        record.headers(),
                        FailureStage.DESERIALIZATION,
                        exception.getClass().getName(),
                        DeadLetters.describe(exception));
        try {
            sender.send(twin.get(), record.key(), letter);
            LOG.warn(
                    "dead-lettered an unreadable record of {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    letter.getReason());
            return DeserializationHandlerResponse.CONTINUE;
        } catch (RuntimeException e) {
            LOG.error(
                    "could not dead-letter {}-{}@{}; stopping rather than dropping it",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e);
            return DeserializationHandlerResponse.FAIL;
        }
    }
}
