package dev.crier.events;

import java.time.Instant;

/** On policy.changes: a policy file was put in force, replacing the one before (null on first load). */
public record PolicyReloaded(String policyId, String version, String hash, String previousVersion, String previousHash,
                             String trigger, Instant reloadedAt) {
}
