package dev.crier.privacy;

/** What a detection is. Credentials share the category {@code credential}; each kind names its subtype. */
public enum Kind {
    SIN("sin"),
    PAYMENT_CARD("payment-card"),
    EMAIL("email"),
    PHONE("phone"),
    /** The value after password, passcode, passwd or "mot de passe" and ':', '=', "is" or "est". */
    PASSWORD("credential.password"),
    /** The value after another word that labels a secret: secret, token, api key, access key, pwd, passphrase. */
    LABELLED_SECRET("credential.labelled-secret"),
    /** The token after "Bearer". */
    BEARER_TOKEN("credential.bearer-token"),
    AWS_ACCESS_KEY("credential.aws-access-key"),
    GITHUB_TOKEN("credential.github-token"),
    SLACK_TOKEN("credential.slack-token"),
    JWT("credential.jwt"),
    /** A PEM private-key block, from its header through its body and footer when they follow. */
    PRIVATE_KEY("credential.private-key"),
    INTERNAL_HOST("credential.internal-host"),
    PRIVATE_IP("credential.private-ip");

    private final String id;

    Kind(String id) {
        this.id = id;
    }

    /** "sin", "payment-card", "email", "phone" or "credential.&lt;subtype&gt;". */
    public String id() {
        return id;
    }

    public boolean isCredential() {
        return id.startsWith("credential.");
    }
}
