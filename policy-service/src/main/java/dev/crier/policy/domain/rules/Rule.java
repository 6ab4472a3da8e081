package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.List;

/** One check of the policy, configured from the policy file when the policy loads. Pure: same draft, same findings. */
public interface Rule {

    String id();

    List<Finding> check(ScannedDraft draft);
}
