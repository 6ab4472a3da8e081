package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.PlatformConnector;

/** What every HTTP connector holds: the shared HTTP, its platform's name and fixed limit, and where secrets are. */
abstract class HttpConnector implements PlatformConnector {

    protected final PlatformHttp http;
    protected final CredentialSource credentials;
    private final String platform;
    private final int maxLength;

    HttpConnector(PlatformHttp http, String platform, int maxLength, CredentialSource credentials) {
        this.http = http;
        this.platform = platform;
        this.maxLength = maxLength;
        this.credentials = credentials;
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public int maxLength(Account account) {
        return maxLength;
    }

    static String trimmed(String baseUrl) {
        return baseUrl.replaceAll("/+$", "");
    }
}
