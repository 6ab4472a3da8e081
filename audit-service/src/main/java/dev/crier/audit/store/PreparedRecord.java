package dev.crier.audit.store;

import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.domain.RecordFields;
import dev.crier.audit.domain.merkle.MerkleHash;
import dev.crier.audit.domain.privacy.PayloadMasker;

/**
 * An event as the ledger will store it: the stored (masked) bytes, their leaf hash and the query columns. Made from
 * the event alone, without the database, so that it can be made on another thread while earlier rows are written.
 */
record PreparedRecord(ReceivedEvent event, byte[] stored, byte[] leafHash, RecordFields fields) {

    static PreparedRecord of(ReceivedEvent event) {
        // Masked before anything is written: the original of a sensitive event never reaches the table.
        PayloadMasker.Stored stored = PayloadMasker.mask(event.payload());
        return new PreparedRecord(event, stored.bytes(), MerkleHash.leafHash(stored.bytes()),
                RecordFields.of(stored.json()));
    }
}
