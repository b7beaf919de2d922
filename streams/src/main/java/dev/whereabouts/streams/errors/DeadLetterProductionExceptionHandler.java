package dev.whereabouts.streams.errors;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when an output record cannot be written. Only failures that are about the
 * record itself and can never succeed on retry (a serialisation failure, a record too large for
 * the topic) are skipped, and only after the input record that caused them has been dead-lettered
 * to its input topic's twin with its original bytes and the reason. Everything else (broker or
 * authorisation trouble) fails the task, so exactly-once processing retries it from the last commit
 * instead of losing output.
 */
public final class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);

    private DeadLetterSender sender;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(DeadLetterDeserializationHandler.SENDER_CONFIG);
        if (!(configured instanceof DeadLetterSender s)) {
            throw new IllegalArgumentException(DeadLetterDeserializationHandler.SENDER_CONFIG
                    + " must hold a DeadLetterSender, got " + configured);
        }
        this.sender = s;
    }

    @Override
    public ProductionExceptionHandlerResponse handle(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            return deadLetterSource(context, FailureStage.PRODUCTION, exception, record.topic());
        }
        LOG.error("cannot write to {}; failing the task so it retries from the last commit", record.topic(), exception);
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        return deadLetterSource(context, FailureStage.PRODUCTION, exception, record.topic());
    }

    private ProductionExceptionHandlerResponse deadLetterSource(
            ErrorHandlerContext context, FailureStage stage, Exception exception, String outputTopic) {
        Optional<Topic<byte[], DeadLetter>> twin = context == null
                ? Optional.empty()
                : Topics.byName(context.topic()).flatMap(Topic::deadLetters);
        if (twin.isEmpty()) {
            LOG.error(
                    "cannot write to {} and the input record has no dead-letter topic; failing",
                    outputTopic,
                    exception);
            return ProductionExceptionHandlerResponse.FAIL;
        }
        DeadLetter letter = sender.deadLetters()
                .of(
                        context.topic(),
                        context.partition(),
                        context.offset(),
                        context.sourceRawKey(),
                        context.sourceRawValue(),
                        context.headers(),
                        stage,
                        exception.getClass().getName(),
                        "output to " + outputTopic + " failed: " + exception.getMessage());
        try {
            sender.send(twin.get(), context.sourceRawKey(), letter);
            return ProductionExceptionHandlerResponse.CONTINUE;
        } catch (RuntimeException e) {
            LOG.error("could not dead-letter the input of a failed write to {}; failing", outputTopic, e);
            return ProductionExceptionHandlerResponse.FAIL;
        }
    }
}
