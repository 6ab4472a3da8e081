package dev.crier.infra;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.LinkedHashSet;
import java.util.Set;

/** The broker's ACLs, made from {@link KafkaAccess}'s table: nothing is allowed that the table does not say. */
public final class KafkaAcls {

    private KafkaAcls() {
    }

    public static Set<AclBinding> bindings() {
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (KafkaAccess.TopicAccess row : KafkaAccess.table()) {
            ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, row.topic(), PatternType.LITERAL);
            for (String writer : row.writers()) {
                acls.add(allow(topic, writer, AclOperation.WRITE));
                acls.add(allow(topic, writer, AclOperation.DESCRIBE));
            }
            for (KafkaAccess.Reader reader : row.readers()) {
                acls.add(allow(topic, reader.principal(), AclOperation.READ));
                if (reader.group() != null) {
                    acls.add(allow(group(reader.group(), PatternType.LITERAL), reader.principal(), AclOperation.READ));
                }
            }
            acls.add(allow(topic, KafkaAccess.OPS_READER, AclOperation.READ));
            acls.add(allow(topic, KafkaAccess.OPS_READER, AclOperation.DESCRIBE));
        }
        // The ops reader sees every group's offsets (lag) but commits only in its own groups.
        acls.add(allow(group("*", PatternType.LITERAL), KafkaAccess.OPS_READER, AclOperation.DESCRIBE));
        acls.add(allow(group(KafkaAccess.OPS_GROUP_PREFIX, PatternType.PREFIXED), KafkaAccess.OPS_READER, AclOperation.READ));
        return acls;
    }

    public static String principal(String name) {
        return "User:" + name;
    }

    private static ResourcePattern group(String name, PatternType type) {
        return new ResourcePattern(ResourceType.GROUP, name, type);
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal(principal), "*", operation, AclPermissionType.ALLOW));
    }
}
