package dev.crier.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.checkpoint.NoteSigner;
import dev.crier.audit.domain.merkle.MerkleVerifier;
import dev.crier.events.signing.TrustedKeys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Verifies a live audit log over HTTP with an auditor token: pins the checkpoint key on first use, streams every
 * record (the JSON Lines export, which ends with the newest checkpoint), checks the checkpoint's signature, every
 * leaf and the root ({@link LogVerifier}), then checks the log's own proofs: consistency from the last trusted
 * checkpoint to the newest, and inclusion of a sample of records. The state directory keeps the pinned key, the
 * last trusted checkpoint and its leaf hashes; it is updated only when the log checks out. Every decision's signature
 * is checked too ({@link DecisionChecks}) against the policy-service keys in {@code --trusted-keys}.
 *
 * <pre>audit-service/verify --url http://127.0.0.1:8084 --token-file deploy/local/data/tokens/auditor.jwt \
 *     --state deploy/local/data/audit-verify --trusted-keys deploy/local/data/infra/keys/decisions-trusted</pre>
 * Exit status: 0 the log is sound and every signed decision verified, 1 not (each problem printed), 2 the check
 * could not run.
 */
public final class VerifyCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INCLUSION_SAMPLES = 16;

    private final String url;
    private final String token;
    private final Path state;
    private final TrustedKeys decisionKeys;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private String pinnedKey;

    /** @param decisionKeys policy-service's trusted keys; null to judge decisions by what the audit recorded */
    public VerifyCommand(String url, String token, Path state, TrustedKeys decisionKeys, PrintStream out) {
        this.url = url.replaceAll("/+$", "");
        this.token = token;
        this.state = state;
        this.decisionKeys = decisionKeys;
        this.out = out;
    }

    public static void main(String[] args) {
        String url = "http://127.0.0.1:8084";
        Path tokenFile = Path.of("deploy/local/data/tokens/auditor.jwt");
        Path state = Path.of("deploy/local/data/audit-verify");
        Path trustedKeys = Path.of("deploy/local/data/infra/keys/decisions-trusted");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--token-file" -> tokenFile = Path.of(args[i + 1]);
                case "--state" -> state = Path.of(args[i + 1]);
                case "--trusted-keys" -> trustedKeys = Path.of(args[i + 1]);
                default -> {
                    System.err.println("usage: verify [--url URL] [--token-file FILE] [--state DIR] [--trusted-keys DIR]");
                    System.exit(2);
                }
            }
        }
        try {
            String token = Files.readString(tokenFile).trim();
            TrustedKeys keys = Files.isDirectory(trustedKeys) ? TrustedKeys.load(trustedKeys) : null;
            System.exit(new VerifyCommand(url, token, state, keys, System.out).run().ok() ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not verify: " + e);
            System.exit(2);
        }
    }

    /** Runs the whole check, prints what it found, and returns the report. */
    public LogVerifier.Report run() throws IOException {
        String key = get("/v1/audit/checkpoint/key").get("verifierKey").asText();
        Path keyFile = state.resolve("verifier-key");
        List<String> problems = new ArrayList<>();
        if (Files.exists(keyFile) && !Files.readString(keyFile).trim().equals(key)) {
            problems.add("the log now signs with another key than the one pinned in " + keyFile);
        }
        pinnedKey = Files.exists(keyFile) ? Files.readString(keyFile).trim() : key;
        LogVerifier.Trusted trusted = trusted(pinnedKey);
        LogVerifier verifier = new LogVerifier(trusted);
        DecisionChecks decisions = new DecisionChecks(decisionKeys);

        String newestNote = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                stream("/v1/audit/export?format=jsonl"), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode node = JSON.readTree(line);
                if (node.has("checkpoint")) {
                    newestNote = node.get("checkpoint").get("note").asText();
                } else {
                    byte[] bytes = b64(node.get("bytes"));
                    verifier.record(node.get("index").asLong(), bytes, b64(node.get("leafHash")));
                    decisions.record(node.get("index").asLong(), node.get("type").asText(), bytes,
                            node.path("signatureCheck").isTextual() ? node.get("signatureCheck").asText() : null);
                }
            }
        }
        if (newestNote == null) {
            throw new IOException("the export did not end with a checkpoint");
        }
        Checkpoint newest;
        try {
            newest = Checkpoint.parse(NoteSigner.verify(newestNote, pinnedKey));
        } catch (IllegalArgumentException e) {
            problems.add("the newest checkpoint is not signed by the pinned key: " + e.getMessage());
            return report(problems, decisions, null, null, null);
        }
        LogVerifier.Report report = verifier.finish(newest);
        problems.addAll(report.problems());
        if (trusted != null && trusted.checkpoint().size() > 0 && trusted.checkpoint().size() <= newest.size()) {
            checkConsistency(trusted.checkpoint(), newest, problems);
        }
        checkInclusions(newest, report.records(), problems);
        return report(problems, decisions, newest, newestNote, report);
    }

    /**
     * Prints the outcome. The log's own soundness decides whether its checkpoint becomes the trusted one; decisions
     * whose signature fails are reported apart (the log recorded them faithfully) and make the exit status 1 too.
     */
    private LogVerifier.Report report(List<String> problems, DecisionChecks decisions, Checkpoint newest, String note,
                                      LogVerifier.Report found) throws IOException {
        List<String> badDecisions = decisions.problems();
        List<String> all = new ArrayList<>(problems);
        all.addAll(badDecisions);
        if (problems.isEmpty()) {
            Files.createDirectories(state);
            Files.writeString(state.resolve("verifier-key"), pinnedKey + "\n");
            Files.write(state.resolve("leaves"), found.leaves());
            Files.writeString(state.resolve("checkpoint"), note);
            out.println("OK: " + newest.size() + " records verified against checkpoint " + newest.origin() + " "
                    + newest.size() + " " + Base64.getEncoder().encodeToString(newest.rootHash())
                    + "; it is now the trusted checkpoint");
            out.println((badDecisions.isEmpty() ? "OK: " : "") + decisions.summary());
        } else {
            out.println("TAMPERING OR DAMAGE DETECTED (" + problems.size() + " problem(s)); the trusted checkpoint is "
                    + "unchanged:");
            problems.forEach(p -> out.println("  - " + p));
        }
        if (!badDecisions.isEmpty()) {
            out.println("DECISIONS WHOSE SIGNATURE DID NOT VERIFY (" + badDecisions.size() + "): forged or altered "
                    + "decisions reached the pipeline (publish refuses them; see posts.publish-refused):");
            badDecisions.forEach(p -> out.println("  - " + p));
        }
        return new LogVerifier.Report(List.copyOf(all), found == null ? 0 : found.records(),
                found == null ? new byte[0] : found.leaves());
    }

    private LogVerifier.Trusted trusted(String key) throws IOException {
        Path note = state.resolve("checkpoint");
        if (!Files.exists(note)) {
            return null;
        }
        Checkpoint checkpoint = Checkpoint.parse(NoteSigner.verify(Files.readString(note), key));
        Path leaves = state.resolve("leaves");
        return new LogVerifier.Trusted(checkpoint, Files.exists(leaves) ? Files.readAllBytes(leaves) : new byte[0]);
    }

    private void checkConsistency(Checkpoint old, Checkpoint newest, List<String> problems) {
        JsonNode proof = proof("/v1/audit/proof/consistency?from=" + old.size() + "&to=" + newest.size(), problems);
        if (proof == null || !MerkleVerifier.verifyConsistency(old.size(), newest.size(), hashes(proof), old.rootHash(),
                newest.rootHash())) {
            problems.add("the log's consistency proof from the trusted checkpoint (size " + old.size()
                    + ") to the newest (size " + newest.size() + ") does not verify");
        }
    }

    private void checkInclusions(Checkpoint newest, long records, List<String> problems) {
        long size = Math.min(newest.size(), records);
        for (int s = 0; s < INCLUSION_SAMPLES && size > 0; s++) {
            long index = s * (size - 1) / Math.max(1, INCLUSION_SAMPLES - 1);
            JsonNode record = proof("/v1/audit/records/" + index, problems);
            JsonNode proof = proof("/v1/audit/proof/inclusion?index=" + index + "&treeSize=" + newest.size(), problems);
            if (record == null || proof == null) {
                continue;
            }
            byte[] leaf = dev.crier.audit.domain.merkle.MerkleHash.leafHash(b64(record.get("bytes")));
            if (!MerkleVerifier.verifyInclusion(index, newest.size(), leaf, hashes(proof), newest.rootHash())) {
                problems.add("record " + index + " is not included in the newest checkpoint (its inclusion proof "
                        + "fails)");
            }
        }
    }

    /** A proof (or record) the log serves, or null with the refusal noted as a problem. */
    private JsonNode proof(String path, List<String> problems) {
        try {
            return get(path);
        } catch (IOException e) {
            problems.add("the log could not prove it: " + e.getMessage());
            return null;
        }
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(h -> hashes.add(b64(h)));
        return hashes;
    }

    private static byte[] b64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    private JsonNode get(String path) throws IOException {
        try (var body = stream(path)) {
            return JSON.readTree(body);
        }
    }

    private java.io.InputStream stream(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .GET().build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + problem);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
