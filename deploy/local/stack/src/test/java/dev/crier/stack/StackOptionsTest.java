package dev.crier.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy/local/start's --instances and --partitions: what they accept, and the message for what they refuse. */
class StackOptionsTest {

    @Test
    void instancesAreParsedPerService() {
        assertThat(StackConfig.parseInstances("policy=2,publish=3")).containsExactly(Map.entry("policy", 2), Map.entry("publish", 3));
        assertThat(StackConfig.parseInstances(" audit-service = 2 ")).containsExactly(Map.entry("audit", 2));
    }

    @Test
    void badInstancesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> StackConfig.parseInstances("billing=2")).hasMessageContaining("no service 'billing'")
                .hasMessageContaining("ingest, policy, publish, audit");
        assertThatThrownBy(() -> StackConfig.parseInstances("policy=two")).hasMessageContaining("at least 1, not 'two'");
        assertThatThrownBy(() -> StackConfig.parseInstances("policy=0")).hasMessageContaining("at least 1, not '0'");
        assertThatThrownBy(() -> StackConfig.parseInstances("policy")).hasMessageContaining("<service>=<count>");
        assertThatThrownBy(() -> StackConfig.parseInstances("policy=2,policy=3")).hasMessageContaining("names policy twice");
        assertThatThrownBy(() -> StackConfig.parseInstances("")).hasMessageContaining("policy=2,publish=2");
    }

    @Test
    void aServiceCannotHaveMoreInstancesThanTopicsHavePartitions() {
        StackConfig config = StackConfig.onFreePorts(Path.of("."), Path.of("data"));
        assertThat(config.withInstances(Map.of("policy", 6)).instancesOf("policy")).isEqualTo(6);
        assertThat(config.instancesOf("audit")).isEqualTo(1);
        assertThatThrownBy(() -> config.withPartitions(2).withInstances(Map.of("policy", 3)))
                .hasMessageContaining("more than the 2 partitions");
    }

    @Test
    void commandLineTakesBothSpellingsAndRefusesUnknownOptions() {
        var options = LocalStackMain.Options.parse(List.of("--fresh", "--instances", "policy=2", "--partitions=8"));
        assertThat(options.fresh()).isTrue();
        assertThat(options.instances()).containsExactly(Map.entry("policy", 2));
        assertThat(options.partitions()).isEqualTo(8);
        assertThat(LocalStackMain.Options.parse(List.of("--instances=audit=2")).instances()).containsExactly(Map.entry("audit", 2));
        assertThatThrownBy(() -> LocalStackMain.Options.parse(List.of("--instances"))).hasMessageContaining("--instances needs a value");
        assertThatThrownBy(() -> LocalStackMain.Options.parse(List.of("--partitions", "0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> LocalStackMain.Options.parse(List.of("--turbo"))).hasMessageContaining("unknown option '--turbo'");
    }
}
