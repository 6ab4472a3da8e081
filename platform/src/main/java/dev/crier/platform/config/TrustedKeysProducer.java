package dev.crier.platform.config;

import dev.crier.events.signing.TrustedKeysDir;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The policy-service keys whose decisions a service trusts (publish refuses, audit flags, any other): one
 * {@code <key-id>.pem} per key in {@code crier.decisions.trusted-keys-dir}, re-read while running so keys can be
 * rotated without a restart. Made only for services that use it.
 */
public class TrustedKeysProducer {

    private static final Logger LOG = Logger.getLogger(TrustedKeysProducer.class);

    @Produces
    @Singleton
    TrustedKeysDir trustedKeys(@ConfigProperty(name = "crier.decisions.trusted-keys-dir") Path dir,
                               @ConfigProperty(name = "crier.decisions.trusted-keys-refresh", defaultValue = "30s") Duration refresh,
                               Clock clock) {
        TrustedKeysDir keys = new TrustedKeysDir(dir, refresh, clock);
        LOG.infof("trusting decisions signed by %s (keys in %s, re-read every %s)", keys.current().ids(), dir, refresh);
        return keys;
    }
}
