package dev.crier.publish.domain;

import java.util.Optional;

/** Where accounts' secrets come from: a credentials reference and a secret's name give its value. */
public interface CredentialSource {

    Optional<Secret> find(String reference, String name);

    /** The secret, or a clear failure that names what is missing (never a value). */
    default Secret require(Account account, String name) {
        return find(account.credentials(), name).orElseThrow(() -> new MissingCredentialException(
                "no '" + name + "' credential for " + account.key() + " (reference '" + account.credentials() + "')"));
    }

    /** An account's credential is not configured: its posts fail for that platform, at once. */
    class MissingCredentialException extends RuntimeException {
        public MissingCredentialException(String message) {
            super(message);
        }
    }
}
