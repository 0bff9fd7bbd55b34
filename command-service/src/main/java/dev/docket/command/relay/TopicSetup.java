package dev.docket.command.relay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the ticket event topic when it does not exist: the configured partitions and replicas, and retention
 * without limit, because the topic is a replayable history, not a buffer.
 */
final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final int TIMEOUT_MS = 10_000;

    private final Map<String, Object> adminConfig;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;

    TopicSetup(Map<String, Object> clientConfig, String topic, int partitions, short replicationFactor) {
        this.adminConfig = new java.util.HashMap<>(clientConfig);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void ensureTopic() throws Exception {
        try (Admin admin = Admin.create(adminConfig)) {
            NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            log.info("Created topic {} with {} partitions and replication factor {}", topic, partitions, replicationFactor);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
