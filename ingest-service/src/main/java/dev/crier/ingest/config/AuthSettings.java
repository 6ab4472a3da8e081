package dev.crier.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What ingest reads from a submitter's token beyond its subject and roles. */
@ConfigMapping(prefix = "crier.auth")
public interface AuthSettings {

    /**
     * The claim naming the departments a submitter may submit for (a list of strings, or one string); a draft's
     * author.department must be one of them.
     */
    @WithDefault("departments")
    String departmentsClaim();
}
