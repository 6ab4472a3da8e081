package dev.crier.policy.domain.rules;

import com.twitter.twittertext.Extractor;
import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.policy.Policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * sharing.link: links found the way X finds them (twitter-text), also without a scheme. A denied domain takes the
 * rule's action; a shortener (the destination is hidden) or plain http:// outside the organization's domains takes
 * the lesser action; the organization's own domains always pass.
 */
public final class LinkRule implements Rule {

    private static final Pattern HAS_SCHEME = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://.*");

    private final Finding.Action action;
    private final Finding.Action lesserAction;
    private final Policy policy;

    public LinkRule(Finding.Action action, Finding.Action lesserAction, Policy policy) {
        this.action = action;
        this.lesserAction = lesserAction;
        this.policy = policy;
    }

    @Override
    public String id() {
        return "sharing.link";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            for (Extractor.Entity url : v.urls()) {
                String link = url.getValue();
                Optional<String> host = hostOf(link);
                if (host.isEmpty() || Policy.inDomains(host.get(), policy.allowedDomains())) {
                    continue;
                }
                String en;
                String fr;
                Finding.Action act;
                if (Policy.inDomains(host.get(), policy.deniedDomains())) {
                    act = action;
                    en = "A link to " + host.get() + ", a domain the policy does not allow.";
                    fr = "Un lien vers " + host.get() + ", un domaine que la politique interdit.";
                } else if (Policy.inDomains(host.get(), policy.shorteners())) {
                    act = lesserAction;
                    en = "A shortened link hides where it goes; readers cannot judge it.";
                    fr = "Un lien raccourci cache sa destination; les lecteurs ne peuvent pas en juger.";
                } else if (link.regionMatches(true, 0, "http://", 0, 7)) {
                    act = lesserAction;
                    en = "A plain http:// link: readers' connections are not protected.";
                    fr = "Un lien http:// non sécurisé : la connexion des lecteurs n'est pas protégée.";
                } else {
                    continue;
                }
                findings.add(Found.at(id(), act, false, v, url.getStart(), url.getEnd(), link, en, fr,
                        "Link to the full https:// address of a trusted source."));
            }
        }
        return findings;
    }

    static Optional<String> hostOf(String link) {
        String withScheme = HAS_SCHEME.matcher(link).matches() ? link : "https://" + link;
        try {
            return Optional.ofNullable(new URI(withScheme).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
