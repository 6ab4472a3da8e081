package dev.crier.infra;

import dev.crier.events.signing.Pem;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The local token issuer: an RS256 key pair made on first use and kept in its folder, and signed JWTs for the
 * roles. Production uses a real identity provider instead; the services only ever see the public key.
 */
public final class Tokens {

    public static final String ISSUER = "https://crier.local/issuer";
    public static final String AUDIENCE = "crier";
    public static final List<String> ROLES = List.of("submitter", "reviewer", "comms-head", "auditor", "ops");
    /**
     * The departments of the local official accounts (publish-service's accounts-local.yaml, which
     * AccountsFileTest keeps in line with this): what a local submitter token may submit for.
     */
    public static final List<String> LOCAL_DEPARTMENTS = List.of("HC", "ESDC", "PHAC", "CRA");

    private final Path dir;
    private final PrivateKey privateKey;
    private final String publicKeyPem;

    private Tokens(Path dir, PrivateKey privateKey, String publicKeyPem) {
        this.dir = dir;
        this.privateKey = privateKey;
        this.publicKeyPem = publicKeyPem;
    }

    /** Loads the key pair kept in {@code dir}, or makes one. */
    public static Tokens in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path priv = dir.resolve("jwt-private.pem");
            Path pub = dir.resolve("jwt-public.pem");
            if (!Files.exists(priv) || !Files.exists(pub)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(pub, Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(priv, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
                PrivateFiles.restrict(priv);
            }
            return new Tokens(dir, readPrivateKey(Files.readString(priv)), Files.readString(pub));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make or read the token signing key in " + dir, e);
        }
    }

    public String publicKeyPem() {
        return publicKeyPem;
    }

    public Path publicKeyFile() {
        return dir.resolve("jwt-public.pem");
    }

    /**
     * What a token says. {@link #claims(String)} gives a good local token; tests change one part of it to get a token
     * the services must refuse (expired, another issuer or audience, no subject) or treat differently.
     *
     * @param subject     {@code sub}, or null for none
     * @param upn         {@code upn}, the name the token gives its holder (kept when the subject is taken away, so that
     *                    such a token is still well-formed and only its missing subject is refused)
     * @param clientId    {@code azp}, the client the token was issued to, or null
     * @param departments the {@code departments} claim: the departments a submitter may submit for; empty for none
     */
    public record Claims(String subject, String upn, Set<String> roles, Duration lifetime, String issuer, String audience,
                         String clientId, List<String> departments) {

        public Claims {
            roles = Set.copyOf(roles);
            departments = List.copyOf(departments);
        }

        public Claims withoutSubject() {
            return new Claims(null, upn, roles, lifetime, issuer, audience, clientId, departments);
        }

        public Claims withRoles(Set<String> newRoles) {
            return new Claims(subject, upn, newRoles, lifetime, issuer, audience, clientId, departments);
        }

        /** Expired an hour ago, beyond any clock skew a verifier allows. */
        public Claims expired() {
            return new Claims(subject, upn, roles, Duration.ofHours(-1), issuer, audience, clientId, departments);
        }

        public Claims withIssuer(String newIssuer) {
            return new Claims(subject, upn, roles, lifetime, newIssuer, audience, clientId, departments);
        }

        public Claims withAudience(String newAudience) {
            return new Claims(subject, upn, roles, lifetime, issuer, newAudience, clientId, departments);
        }

        public Claims withClientId(String newClientId) {
            return new Claims(subject, upn, roles, lifetime, issuer, audience, newClientId, departments);
        }

        public Claims withDepartments(List<String> newDepartments) {
            return new Claims(subject, upn, roles, lifetime, issuer, audience, clientId, newDepartments);
        }
    }

    /**
     * A good local token for {@code subject}: this issuer and audience; a submitter may submit for the
     * {@link #LOCAL_DEPARTMENTS}.
     */
    public static Claims claims(String subject, Set<String> roles, Duration lifetime) {
        return new Claims(subject, subject, roles, lifetime, ISSUER, AUDIENCE, null,
                roles.contains("submitter") ? LOCAL_DEPARTMENTS : List.of());
    }

    /** A good local token for one role, whose subject is {@code local-<role>}. */
    public static Claims claims(String role) {
        return claims("local-" + role, Set.of(role), Duration.ofDays(30));
    }

    /** A token for one role, whose subject is {@code local-<role>}. */
    public String issue(String role) {
        return issue(claims(role));
    }

    public String issue(String subject, Set<String> roles, Duration lifetime) {
        return issue(claims(subject, roles, lifetime));
    }

    public String issue(Claims spec) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(spec.issuer());
        claims.setAudience(spec.audience());
        if (spec.subject() != null) {
            claims.setSubject(spec.subject());
        }
        claims.setClaim("upn", spec.upn());
        claims.setStringListClaim("groups", List.copyOf(spec.roles()));
        if (spec.clientId() != null) {
            claims.setClaim("azp", spec.clientId());
        }
        if (!spec.departments().isEmpty()) {
            claims.setStringListClaim("departments", spec.departments());
        }
        claims.setIssuedAtToNow();
        claims.setJwtId(UUID.randomUUID().toString());
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(spec.lifetime().toSeconds());
        claims.setExpirationTime(expiry);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setKeyIdHeaderValue("crier-local");
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** Writes one fresh token per role, a file per role ({@code <role>.jwt}), into {@code folder}. */
    public Path writeRoleTokens(Path folder) {
        try {
            Files.createDirectories(folder);
            for (String role : ROLES) {
                Path file = folder.resolve(role + ".jwt");
                Files.writeString(file, issue(role), StandardCharsets.US_ASCII);
                PrivateFiles.restrict(file);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
