/**
 * An RFC 9162 (Certificate Transparency v2) Merkle tree over the audit ledger, in plain Java: leaf and node hashing
 * ({@link dev.crier.audit.domain.merkle.MerkleHash}), an incremental tree that grows in O(log n) per append and
 * restarts from a few stored hashes ({@link dev.crier.audit.domain.merkle.CompactRange}), proof generation over any
 * store of leaf hashes ({@link dev.crier.audit.domain.merkle.ProofGenerator}) and proof verification
 * ({@link dev.crier.audit.domain.merkle.MerkleVerifier}). It is kept free of framework types so that auditors can run
 * the same code outside the service.
 */
package dev.crier.audit.domain.merkle;
