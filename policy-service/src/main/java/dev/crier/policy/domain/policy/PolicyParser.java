package dev.crier.policy.domain.policy;

import dev.crier.events.Finding;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file (YAML) and checks every part of it, naming the line of the first thing wrong. Works on
 * SnakeYAML's node tree rather than binding to classes, because nodes keep their line numbers.
 */
public final class PolicyParser {

    /** Every rule the engine knows; a policy may name only these. */
    public static final Set<String> RULES = Set.of("confidential.marking", "confidential.embargo", "confidential.codename",
            "privacy.sin", "privacy.payment-card", "privacy.email", "privacy.phone", "security.credential",
            "language.profanity", "sharing.link", "sharing.repost", "neutrality.partisan", "platform.length",
            "platform.media", "languages.official", "accessibility.alt-text", "accessibility.hashtag",
            "accessibility.plain-language");
    private static final Set<String> PROFILES = Set.of("canada-federal", "generic");
    private static final Set<String> LISTS = Set.of("allowedDomains", "deniedDomains", "shorteners",
            "officialPhoneNumbers", "restrictedNames", "parties", "partyWords", "calls", "voteCalls", "slogans");
    private static final Set<String> RULE_KEYS = Set.of("action", "mildAction", "reviewAction", "shadow", "maxGrade");
    private static final Set<String> REVIEW_KEYS = Set.of("commsHeadRules", "commsHeadCategories", "twoApprovalCategories",
            "escalateAfter", "escalateAfterByCategory");

    public Policy parse(String yaml) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new InvalidPolicyException("line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        }
        if (!(root instanceof MappingNode top)) {
            throw new InvalidPolicyException("line 1: a policy file is a YAML mapping (id:, version:, rules:, ...)");
        }
        Map<String, Node> fields = fields(top, allowed());
        String id = scalar(fields, "id", top);
        String version = scalar(fields, "version", top);
        String profile = scalar(fields, "profile", top);
        if (!PROFILES.contains(profile)) {
            throw at(fields.get("profile"), "profile must be one of " + PROFILES + ", not '" + profile + "'");
        }
        Map<String, RuleSettings> rules = rules(require(fields, "rules", top));
        if (profile.equals("generic") && rules.containsKey("languages.official")) {
            throw at(fields.get("rules"), "the generic profile has no languages.official rule");
        }
        ReviewSettings review = fields.containsKey("review") ? review(fields.get("review")) : ReviewSettings.defaults();
        Duration budget = fields.containsKey("evaluationBudget")
                ? duration(fields.get("evaluationBudget"), "evaluationBudget") : Policy.DEFAULT_EVALUATION_BUDGET;
        return new Policy(id, version, profile, sha256(yaml), rules,
                list(fields, "allowedDomains"), list(fields, "deniedDomains"), list(fields, "shorteners"),
                list(fields, "officialPhoneNumbers"), list(fields, "restrictedNames"), list(fields, "parties"),
                list(fields, "partyWords"), list(fields, "calls"), list(fields, "voteCalls"), list(fields, "slogans"),
                review, budget);
    }

    private static Set<String> allowed() {
        var keys = new java.util.HashSet<>(LISTS);
        keys.addAll(Set.of("id", "version", "profile", "rules", "review", "evaluationBudget"));
        return keys;
    }

    private Map<String, RuleSettings> rules(Node node) {
        if (!(node instanceof MappingNode map)) {
            throw at(node, "rules must be a mapping of rule id to settings");
        }
        Map<String, RuleSettings> rules = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String id = keyOf(t);
            if (!RULES.contains(id)) {
                throw at(t.getKeyNode(), "unknown rule '" + id + "'; known rules: " + RULES.stream().sorted().toList());
            }
            if (!(t.getValueNode() instanceof MappingNode settings)) {
                throw at(t.getValueNode(), "rule " + id + " needs settings, e.g. { action: BLOCK }");
            }
            Map<String, Node> f = fields(settings, RULE_KEYS);
            Finding.Action action = action(require(f, "action", settings), id + ".action");
            Node lesser = f.containsKey("mildAction") ? f.get("mildAction") : f.get("reviewAction");
            Map<String, Object> options = new LinkedHashMap<>();
            if (f.containsKey("maxGrade")) {
                options.put("maxGrade", number(f.get("maxGrade"), id + ".maxGrade"));
            }
            boolean shadow = f.containsKey("shadow") && bool(f.get("shadow"), id + ".shadow");
            rules.put(id, new RuleSettings(action, lesser == null ? null : action(lesser, id + " lesser action"), shadow, options));
        }
        return rules;
    }

    /** The {@code review:} section; what it leaves out keeps its default (see {@link ReviewSettings#defaults()}). */
    private static ReviewSettings review(Node node) {
        if (!(node instanceof MappingNode map)) {
            throw at(node, "review must be a mapping, e.g. { twoApprovalCategories: [crisis] }");
        }
        Map<String, Node> f = fields(map, REVIEW_KEYS);
        List<String> rules = list(f, "commsHeadRules");
        if (f.containsKey("commsHeadRules")) {
            List<Node> items = ((SequenceNode) f.get("commsHeadRules")).getValue();
            for (int i = 0; i < rules.size(); i++) {
                if (!RULES.contains(rules.get(i))) {
                    throw at(items.get(i), "unknown rule '" + rules.get(i) + "' in review.commsHeadRules");
                }
            }
        }
        Duration escalateAfter = f.containsKey("escalateAfter")
                ? duration(f.get("escalateAfter"), "review.escalateAfter") : ReviewSettings.DEFAULT_ESCALATE_AFTER;
        Map<String, Duration> byCategory = new LinkedHashMap<>(ReviewSettings.DEFAULT_ESCALATE_AFTER_BY_CATEGORY);
        Node perCategory = f.get("escalateAfterByCategory");
        if (perCategory != null) {
            if (!(perCategory instanceof MappingNode categories)) {
                throw at(perCategory, "review.escalateAfterByCategory must map a category to a duration, e.g. { health-safety: 30m }");
            }
            for (NodeTuple t : categories.getValue()) {
                String category = keyOf(t);
                byCategory.put(category, duration(t.getValueNode(), "review.escalateAfterByCategory." + category));
            }
        }
        return new ReviewSettings(Set.copyOf(rules), Set.copyOf(list(f, "commsHeadCategories")),
                Set.copyOf(list(f, "twoApprovalCategories")), escalateAfter, byCategory);
    }

    private static Duration duration(Node n, String what) {
        return (n instanceof ScalarNode s ? Durations.parse(s.getValue()) : java.util.Optional.<Duration>empty())
                .orElseThrow(() -> at(n, what + " must be a positive duration such as 50ms, 30m, 4h or 1d"));
    }

    private static Map<String, Node> fields(MappingNode map, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = keyOf(t);
            if (!allowed.contains(key)) {
                throw at(t.getKeyNode(), "unknown key '" + key + "'; expected one of " + allowed.stream().sorted().toList());
            }
            if (out.put(key, t.getValueNode()) != null) {
                throw at(t.getKeyNode(), "'" + key + "' appears twice");
            }
        }
        return out;
    }

    private static String keyOf(NodeTuple t) {
        if (!(t.getKeyNode() instanceof ScalarNode s)) {
            throw at(t.getKeyNode(), "keys must be plain names");
        }
        return s.getValue();
    }

    private static Node require(Map<String, Node> fields, String key, Node parent) {
        Node n = fields.get(key);
        if (n == null) {
            throw at(parent, "'" + key + "' is required");
        }
        return n;
    }

    private static String scalar(Map<String, Node> fields, String key, Node parent) {
        Node n = require(fields, key, parent);
        if (!(n instanceof ScalarNode s) || s.getValue().isBlank()) {
            throw at(n, key + " must be a non-empty text");
        }
        return s.getValue();
    }

    private static List<String> list(Map<String, Node> fields, String key) {
        Node n = fields.get(key);
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof SequenceNode seq)) {
            throw at(n, key + " must be a list, e.g. [a, b]");
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
                throw at(item, key + " may hold only non-empty texts");
            }
            out.add(s.getValue().trim());
        }
        return List.copyOf(out);
    }

    private static Finding.Action action(Node n, String what) {
        if (n instanceof ScalarNode s) {
            try {
                return Finding.Action.valueOf(s.getValue());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw at(n, what + " must be BLOCK, REVIEW or ADVISORY");
    }

    private static double number(Node n, String what) {
        if (n instanceof ScalarNode s) {
            try {
                return Double.parseDouble(s.getValue());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw at(n, what + " must be a number");
    }

    private static boolean bool(Node n, String what) {
        if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.parseBoolean(s.getValue());
        }
        throw at(n, what + " must be true or false");
    }

    private static InvalidPolicyException at(Node n, String message) {
        return new InvalidPolicyException("line " + (n.getStartMark().getLine() + 1) + ": " + message);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
