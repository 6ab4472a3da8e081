package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * security.credential: secrets that protect the accounts and systems: a password with its value, cloud and
 * source-control tokens, JWTs, private keys, and internal host names and private IP addresses.
 */
public final class CredentialRule implements Rule {

    /** A kind of secret; {@code hint} is a cheap test on the folded text that a match is possible at all. */
    private record Kind(String name, Predicate<String> hint, Pattern pattern) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("a password", t -> t.contains("pass") || t.contains("mot de passe"), Pattern.compile(
                    "(?iu)\\b(?:password|passcode|passwd|mot de passe)\\s*(?::|=|\\bis\\b|\\best\\b)\\s*[\"']?[^\\s\"']{3,}")),
            new Kind("an AWS access key id", t -> t.contains("akia") || t.contains("asia"), Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Kind("a GitHub token", t -> t.contains("gh") && t.indexOf('_') >= 0 || t.contains("github_pat_"), Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})\\b")),
            new Kind("a Slack token", t -> t.contains("xox"), Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
            new Kind("a JSON Web Token", t -> t.contains("eyj"), Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}")),
            new Kind("a private key", t -> t.contains("private key"), Pattern.compile("-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----")),
            new Kind("an internal host name", t -> t.contains(".internal") || t.contains(".local") || t.contains(".corp")
                    || t.contains(".lan"), Pattern.compile(
                    "(?i)(?<![\\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:internal|local|corp|lan)(?![\\w-])(?!\\.[a-z0-9])")),
            new Kind("a private IP address", t -> t.contains("10.") || t.contains("172.") || t.contains("192.168"), Pattern.compile(
                    "(?<![\\d.])(?:10\\.\\d{1,3}|172\\.(?:1[6-9]|2\\d|3[01])|192\\.168)\\.\\d{1,3}\\.\\d{1,3}(?![\\d]|\\.\\d)")));

    private final Finding.Action action;

    public CredentialRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "security.credential";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            String folded = v.folded().toString();
            for (Kind kind : KINDS) {
                if (!kind.hint().test(folded)) {
                    continue;
                }
                Matcher m = kind.pattern().matcher(v.text());
                while (m.find()) {
                    findings.add(Found.at(id(), action, true, v, m.start(), m.end(), Masking.secret(m.group()),
                            "This looks like " + kind.name() + ". Secrets and internal addresses must never be published.",
                            "Ceci ressemble à un secret ou à une adresse interne (" + kind.name() + "). Ne les publiez jamais.",
                            "Remove it; if a secret was exposed, have it changed."));
                }
            }
        }
        return findings;
    }
}
