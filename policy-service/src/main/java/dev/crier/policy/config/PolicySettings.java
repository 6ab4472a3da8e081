package dev.crier.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Where the policy in force comes from. */
@ConfigMapping(prefix = "crier.policy")
public interface PolicySettings {

    /** A policy file, watched for saved changes; when absent, the built-in {@link #profile()}. */
    Optional<Path> file();

    /** The built-in policy (src/main/resources/policies/&lt;profile&gt;.yaml) used when no file is set. */
    @WithDefault("canada-federal")
    String profile();

    /** How often the policy file is checked for a saved change. Read by the scheduler. */
    @WithDefault("2s")
    String watchInterval();
}
