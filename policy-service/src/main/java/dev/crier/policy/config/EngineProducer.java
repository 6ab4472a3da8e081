package dev.crier.policy.config;

import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.rules.AltTextRule;
import dev.crier.policy.domain.rules.SinRule;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** The policy in force. */
public class EngineProducer {

    @Produces
    @Singleton
    PolicyEngine engine() {
        return new PolicyEngine("canada-federal", "0.1", List.of(new SinRule(), new AltTextRule()));
    }
}
