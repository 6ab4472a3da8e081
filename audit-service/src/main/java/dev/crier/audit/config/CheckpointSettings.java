package dev.crier.audit.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;

/** How the log issues its checkpoints, and the key that signs them. */
@ConfigMapping(prefix = "crier.audit.checkpoint")
public interface CheckpointSettings {

    /**
     * How often the checkpointer looks for new records. Read by the scheduler, which looks at its triggers once a
     * second: a shorter interval runs once a second.
     */
    String interval();

    /** The Ed25519 key file: the PKCS#8 private key and the X.509 public key, base64, a line each. */
    Path keyFile();

    /** Whether a missing key file is generated (the local stack) or stops the service (production). */
    boolean generateKey();
}
