package dev.crier.policy.domain.rules;

import dev.crier.events.Draft;
import dev.crier.events.Finding;

import java.util.List;

/** One check of the policy. Rules are pure: the same draft always gives the same findings. */
public interface Rule {

    String id();

    List<Finding> check(Draft draft);
}
