package dev.crier.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The SCRAM password of each Kafka principal, made at random the first time it is asked for and kept in a file only
 * its owner may read, so that a restart on the same folder finds the same users. Also the client settings a
 * principal logs in with: SASL_PLAINTEXT (the broker listens on the loopback only) and SCRAM-SHA-512.
 */
final class KafkaCredentials {

    static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    static final String SASL_MECHANISM = "SCRAM-SHA-512";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties passwords = new Properties();

    KafkaCredentials(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                passwords.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    boolean isNew() {
        return !Files.exists(file);
    }

    synchronized String password(String principal) {
        String password = passwords.getProperty(principal);
        if (password == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            passwords.setProperty(principal, password);
            save();
        }
        return password;
    }

    /** Kafka client settings (without the bootstrap servers) for logging in as the principal. */
    Map<String, String> clientSettings(String principal) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", SECURITY_PROTOCOL);
        settings.put("sasl.mechanism", SASL_MECHANISM);
        settings.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", principal, password(principal)));
        return settings;
    }

    static String jaas(String loginModule, String user, String password) {
        return loginModule + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            PrivateFiles.write(tmp, "");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                passwords.store(out, "Kafka SCRAM passwords of the local infrastructure; keep private");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
