package dev.crier.audit.domain.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs and verifies notes in the C2SP signed-note format with Ed25519 (the JDK's own implementation): the text,
 * a blank line, then "— name base64(keyHash || signature)", where keyHash is the first four bytes of
 * SHA-256(name || "\n" || 0x01 || public key). Anyone holding the verifier key can check a checkpoint without
 * trusting the database it came from.
 */
public final class NoteSigner {

    private static final byte ED25519 = 0x01;
    private static final String DASH = "\u2014 ";
    /** DER prefix of an X.509 Ed25519 public key; the raw 32-byte key follows it. */
    private static final int X509_PREFIX = 12;

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final byte[] keyHash;

    public NoteSigner(String name, KeyPair keys) {
        if (name.isBlank() || name.contains(" ") || name.contains("+") || name.contains("\n")) {
            throw new IllegalArgumentException("a key name has no spaces, '+' or newlines");
        }
        this.name = name;
        this.privateKey = keys.getPrivate();
        this.publicKey = raw(keys.getPublic());
        this.keyHash = keyHash(name, publicKey);
    }

    public static KeyPair newKeys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys from their PKCS#8 (private) and X.509 (public) encodings, as stored. */
    public static KeyPair keys(byte[] pkcs8, byte[] x509) {
        try {
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            return new KeyPair(f.generatePublic(new X509EncodedKeySpec(x509)), f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key pair", e);
        }
    }

    /** The verifier key, "name+keyhash+base64(0x01 || public key)", to publish so others can check notes. */
    public String verifierKey() {
        byte[] typed = ByteBuffer.allocate(1 + publicKey.length).put(ED25519).put(publicKey).array();
        return name + "+" + java.util.HexFormat.of().formatHex(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    public String sign(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a note's text ends with a newline");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            byte[] line = ByteBuffer.allocate(keyHash.length + sig.length).put(keyHash).put(sig).array();
            return text + "\n" + DASH + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The note's text when one of its signatures is by the verifier key and valid.
     *
     * @throws IllegalArgumentException when the note is malformed or carries no valid signature by that key
     */
    public static String verify(String note, String verifierKey) {
        String[] vkey = verifierKey.split("\\+", 3);
        if (vkey.length != 3) {
            throw new IllegalArgumentException("a verifier key is name+keyhash+key");
        }
        byte[] typed = Base64.getDecoder().decode(vkey[2]);
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("not an Ed25519 verifier key");
        }
        byte[] pub = Arrays.copyOfRange(typed, 1, 33);
        byte[] expectedHash = keyHash(vkey[0], pub);
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH + vkey[0] + " ")) {
                continue;
            }
            byte[] sig = Base64.getDecoder().decode(line.substring(DASH.length() + vkey[0].length() + 1));
            if (sig.length == 68 && Arrays.equals(Arrays.copyOf(sig, 4), expectedHash) && valid(pub, text, Arrays.copyOfRange(sig, 4, 68))) {
                return text;
            }
        }
        throw new IllegalArgumentException("no valid signature by " + vkey[0]);
    }

    private static boolean valid(byte[] rawPublicKey, String text, byte[] signature) {
        try {
            byte[] x509 = new byte[X509_PREFIX + 32];
            System.arraycopy(HexPrefix.ED25519_X509, 0, x509, 0, X509_PREFIX);
            System.arraycopy(rawPublicKey, 0, x509, X509_PREFIX, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] raw(PublicKey key) {
        byte[] x509 = key.getEncoded();
        return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    private static byte[] keyHash(String name, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(ED25519);
            sha.update(publicKey);
            return Arrays.copyOf(sha.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixed DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410). */
    private static final class HexPrefix {
        static final byte[] ED25519_X509 = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
    }
}
