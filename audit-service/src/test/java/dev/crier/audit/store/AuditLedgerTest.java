package dev.crier.audit.store;

import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.infra.CrierTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Appends take the next index, without gaps, even from concurrent writers; an event id is recorded once. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class AuditLedgerTest {

    @Inject
    AuditLedger ledger;

    @Inject
    AgroalDataSource db;

    @Test
    void aRecordedEventIdIsDropped() throws SQLException {
        ReceivedEvent event = TestEvents.received();
        assertThat(ledger.append(event)).isTrue();
        long before = count();
        assertThat(ledger.append(event)).isFalse();
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void concurrentWritersNeverTakeTheSameIndexNorLeaveAGap() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> appends = IntStream.range(0, 40)
                    .<Callable<Boolean>>mapToObj(i -> () -> ledger.append(TestEvents.received())).toList();
            for (Future<Boolean> appended : writers.invokeAll(appends)) {
                assertThat(appended.get()).isTrue();
            }
        } finally {
            writers.shutdown();
        }
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), min(idx), max(idx) FROM audit_records")) {
            rs.next();
            assertThat(rs.getLong(2)).isZero();
            assertThat(rs.getLong(3) + 1).isEqualTo(rs.getLong(1));
        }
    }

    private long count() throws SQLException {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_records")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
