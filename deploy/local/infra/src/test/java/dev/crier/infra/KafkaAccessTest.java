package dev.crier.infra;

import dev.crier.events.Topics;
import dev.crier.infra.KafkaAccess.TopicAccess;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access table covers every topic once, gives each event topic one writer, and lets nobody else write. */
class KafkaAccessTest {

    @Test
    void everyTopicHasExactlyOneRow() {
        assertThat(KafkaAccess.table()).extracting(TopicAccess::topic).containsExactlyInAnyOrderElementsOf(Topics.all());
        assertThatThrownBy(() -> KafkaAccess.of("posts.unknown")).hasMessageContaining("no access row");
    }

    @Test
    void eachEventTopicHasOneOwnerAmongTheServices() {
        for (String topic : Topics.events()) {
            assertThat(KafkaAccess.of(topic).writers()).as(topic).hasSize(1)
                    .allSatisfy(owner -> assertThat(owner).endsWith("-service"));
        }
        assertThat(KafkaAccess.writerOf(Topics.POSTS_APPROVED)).isEqualTo(KafkaAccess.POLICY);
        assertThat(KafkaAccess.writerOf(Topics.DRAFTS_SUBMITTED)).isEqualTo(KafkaAccess.INGEST);
        assertThat(KafkaAccess.writerOf(Topics.POSTS_PUBLISHED)).isEqualTo(KafkaAccess.PUBLISH);
        assertThat(KafkaAccess.writerOf(Topics.AUDIT_CHECKPOINTS)).isEqualTo(KafkaAccess.AUDIT);
    }

    @Test
    void aDeadLetterTopicIsWrittenByTheConsumersOfItsTopicAndReadWithoutAGroupByTheDeskAndTheTopicsOwner() {
        for (String topic : Topics.events()) {
            TopicAccess dlq = KafkaAccess.of(Topics.deadLetter(topic));
            Set<String> consumers = KafkaAccess.of(topic).readers().stream().map(KafkaAccess.Reader::principal)
                    .collect(Collectors.toSet());
            assertThat(dlq.writers()).as(dlq.topic()).isEqualTo(consumers);
            Set<String> replayers = new java.util.HashSet<>(KafkaAccess.of(topic).writers());
            replayers.add(KafkaAccess.AUDIT);
            assertThat(dlq.readers()).as(dlq.topic()).containsExactlyInAnyOrderElementsOf(
                    replayers.stream().map(p -> new KafkaAccess.Reader(p, null)).toList());
        }
        assertThat(KafkaAccess.of("drafts.submitted.dlq").writers()).containsExactlyInAnyOrder(KafkaAccess.POLICY, KafkaAccess.AUDIT);
    }

    @Test
    void theAuditReadsEveryPipelineTopicAndNothingElse() {
        Set<String> audited = KafkaAccess.table().stream()
                .filter(row -> row.readers().contains(new KafkaAccess.Reader(KafkaAccess.AUDIT, "audit-service")))
                .map(TopicAccess::topic).collect(Collectors.toSet());
        assertThat(audited).containsExactlyInAnyOrderElementsOf(Topics.pipeline());
    }

    @Test
    void theOpsReaderAndTheAdminWriteNothingThroughTheTable() {
        for (TopicAccess row : KafkaAccess.table()) {
            assertThat(row.writers()).as(row.topic()).doesNotContain(KafkaAccess.OPS_READER, KafkaAccess.ADMIN);
            assertThat(row.readers()).extracting(KafkaAccess.Reader::principal).as(row.topic())
                    .doesNotContain(KafkaAccess.OPS_READER, KafkaAccess.ADMIN);
        }
        assertThat(KafkaAccess.CLIENTS).doesNotContain(KafkaAccess.ADMIN);
    }

    @Test
    void theAclsGrantWritesOnlyToTheTablesWritersAndNothingToTheAdmin() {
        Set<AclBinding> acls = KafkaAcls.bindings();
        for (AclBinding acl : acls) {
            String name = acl.entry().principal().substring("User:".length());
            assertThat(name).isNotEqualTo(KafkaAccess.ADMIN);
            assertThat(acl.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP);
            if (acl.entry().operation() == AclOperation.WRITE) {
                assertThat(KafkaAccess.of(acl.pattern().name()).writers()).as(acl.toString()).contains(name);
            }
            if (acl.pattern().resourceType() == ResourceType.TOPIC) {
                assertThat(acl.pattern().name()).as("no wildcard topic").isNotEqualTo("*");
            }
        }
        assertThat(acls).filteredOn(acl -> acl.entry().operation() == AclOperation.WRITE)
                .hasSize(KafkaAccess.table().stream().mapToInt(row -> row.writers().size()).sum());
    }
}
