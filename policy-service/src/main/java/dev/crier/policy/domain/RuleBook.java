package dev.crier.policy.domain;

import dev.crier.policy.domain.lang.LanguageIdentifier;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.policy.domain.policy.RuleSettings;
import dev.crier.policy.domain.rules.AltTextRule;
import dev.crier.policy.domain.rules.CodenameRule;
import dev.crier.policy.domain.rules.CredentialRule;
import dev.crier.policy.domain.rules.EmailRule;
import dev.crier.policy.domain.rules.EmbargoRule;
import dev.crier.policy.domain.rules.HashtagRule;
import dev.crier.policy.domain.rules.LinkRule;
import dev.crier.policy.domain.rules.MarkingRule;
import dev.crier.policy.domain.rules.OfficialLanguagesRule;
import dev.crier.policy.domain.rules.PartisanRule;
import dev.crier.policy.domain.rules.PaymentCardRule;
import dev.crier.policy.domain.rules.PhoneRule;
import dev.crier.policy.domain.rules.PlainLanguageRule;
import dev.crier.policy.domain.rules.PlatformLengthRule;
import dev.crier.policy.domain.rules.PlatformMediaRule;
import dev.crier.policy.domain.rules.ProfanityRule;
import dev.crier.policy.domain.rules.RepostRule;
import dev.crier.policy.domain.rules.Rule;
import dev.crier.policy.domain.rules.SinRule;
import dev.crier.policy.domain.text.Lexicon;
import dev.crier.policy.domain.text.WordList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a policy's rules. Holds what is costly to load and does not change with the policy file (the profanity
 * lexicons, the word lists, the language detector), so a reload only rebuilds the light parts.
 */
public final class RuleBook {

    private final Map<String, Lexicon<ProfanityRule.Severity>> profanity;
    private final WordList words;
    private final LanguageIdentifier languages;

    public RuleBook(Map<String, Lexicon<ProfanityRule.Severity>> profanity, WordList words, LanguageIdentifier languages) {
        this.profanity = profanity;
        this.words = words;
        this.languages = languages;
    }

    public List<Rule> rulesFor(Policy policy) {
        List<Rule> rules = new ArrayList<>();
        policy.rules().forEach((id, s) -> rules.add(build(id, s, policy)));
        return rules;
    }

    private Rule build(String id, RuleSettings s, Policy p) {
        return switch (id) {
            case "confidential.marking" -> new MarkingRule(s.action());
            case "confidential.embargo" -> new EmbargoRule(s.action());
            case "confidential.codename" -> new CodenameRule(s.action(), p.restrictedNames());
            case "privacy.sin" -> new SinRule(s.action());
            case "privacy.payment-card" -> new PaymentCardRule(s.action());
            case "privacy.email" -> new EmailRule(s.action(), p.allowedDomains());
            case "privacy.phone" -> new PhoneRule(s.action(), p.officialPhoneNumbers());
            case "security.credential" -> new CredentialRule(s.action());
            case "language.profanity" -> new ProfanityRule(s.action(), s.lesserOrMain(), profanity);
            case "sharing.link" -> new LinkRule(s.action(), s.lesserOrMain(), p);
            case "sharing.repost" -> new RepostRule(s.action(), p.allowedDomains());
            case "neutrality.partisan" -> new PartisanRule(s.action(), p.parties(), p.partyWords(), p.calls(), p.voteCalls(), p.slogans());
            case "platform.length" -> new PlatformLengthRule(s.action());
            case "platform.media" -> new PlatformMediaRule(s.action());
            case "languages.official" -> new OfficialLanguagesRule(s.action(), languages);
            case "accessibility.alt-text" -> new AltTextRule(s.action());
            case "accessibility.hashtag" -> new HashtagRule(s.action(), words);
            case "accessibility.plain-language" -> new PlainLanguageRule(s.action(), s.number("maxGrade", 8));
            default -> throw new IllegalArgumentException("no rule " + id);
        };
    }
}
