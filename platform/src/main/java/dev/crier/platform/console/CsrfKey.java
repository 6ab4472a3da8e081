package dev.crier.platform.console;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Makes and checks the consoles' CSRF tokens: an HMAC-SHA256, under a key only the server holds, of what ties a
 * form to one browser, its session cookie once signed in, before that a random cookie of its own. A token from
 * another session is refused, and someone who can plant cookies (a sibling host) still cannot make a valid one.
 * The key is {@code crier.console.csrf-key} (base64, 32 bytes or more) where several instances serve one console;
 * otherwise a random key per start, after which an open form must be reloaded.
 */
@ApplicationScoped
public class CsrfKey {

    /** What a token is bound to; named in the MAC so that a browser cookie's token never passes for a session's. */
    public enum Binding { SESSION, BROWSER }

    private static final String HMAC = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    public CsrfKey(@ConfigProperty(name = "crier.console.csrf-key") Optional<String> configured) {
        byte[] bytes = configured.filter(k -> !k.isBlank()).map(k -> Base64.getDecoder().decode(k.strip()))
                .orElseGet(() -> {
                    byte[] random = new byte[MIN_KEY_BYTES];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("crier.console.csrf-key must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, HMAC);
    }

    public String token(Binding binding, String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] tag = mac.doFinal((binding + ":" + value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public boolean matches(Binding binding, String value, String sent) {
        return MessageDigest.isEqual(token(binding, value).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
