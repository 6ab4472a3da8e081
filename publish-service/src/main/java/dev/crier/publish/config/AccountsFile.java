package dev.crier.publish.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.AccountRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the registered accounts from a YAML file (format in publish-service/README.md). Jackson's YAML module is used
 * because Jackson is already on the classpath and reads YAML into the same tree as JSON.
 */
public final class AccountsFile {

    /** The accounts the local stack starts with: the sandbox, for a few departments. */
    public static final String LOCAL_DEFAULT = "/accounts-local.yaml";

    private static final Set<String> FIELDS = Set.of("platform", "handle", "language", "department", "credentials", "settings");

    private AccountsFile() {
    }

    public static AccountRegistry read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the accounts file " + file, e);
        }
    }

    public static AccountRegistry readDefault() {
        try (InputStream in = AccountsFile.class.getResourceAsStream(LOCAL_DEFAULT)) {
            return read(in, "classpath:" + LOCAL_DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AccountRegistry read(InputStream in, String name) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        JsonNode list = root == null ? null : root.get("accounts");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(name + ": expected a list under 'accounts'");
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            accounts.add(account(list.get(i), name + ": accounts[" + i + "]"));
        }
        return new AccountRegistry(accounts);
    }

    private static Account account(JsonNode node, String where) {
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field '" + field + "'");
            }
        });
        Map<String, String> settings = new LinkedHashMap<>();
        node.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        try {
            return new Account(text(node, "platform", where), text(node, "handle", where),
                    Account.Language.parse(text(node, "language", where)), text(node, "department", where),
                    text(node, "credentials", where), settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return value.asText().trim();
    }
}
