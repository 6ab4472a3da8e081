package dev.crier.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SubmitterTest {

    final Submitter hcAndEsdc = new Submitter("cms", "cms-client", Set.of("HC", " esdc "));

    @Test
    void mayNameOnlyItsOwnDepartmentsWhateverTheCase() {
        assertThat(hcAndEsdc.refusalFor("HC")).isEmpty();
        assertThat(hcAndEsdc.refusalFor("hc")).isEmpty();
        assertThat(hcAndEsdc.refusalFor(" Esdc")).isEmpty();
        assertThat(hcAndEsdc.refusalFor("PHAC")).hasValue("This token may not submit for department PHAC; it submits for ESDC, HC.");
    }

    @Test
    void aDraftWithoutDepartmentOnlyFromATokenThatNamesNone() {
        assertThat(hcAndEsdc.refusalFor(null)).hasValueSatisfying(r -> assertThat(r).contains("names no author.department"));
        assertThat(hcAndEsdc.refusalFor(" ")).isPresent();
        var none = new Submitter("cms", null, Set.of());
        assertThat(none.refusalFor(null)).isEmpty();
        assertThat(none.refusalFor("HC")).hasValue("This token may not submit for department HC; it names no department.");
    }
}
