package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnosisTest {
    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource({
            "0.01, 0.11, high variance",
            "0.15, 0.16, high bias",
            "0.15, 0.30, high bias and high variance",
            "0.005, 0.01, low bias and low variance"})
    void theCoursesFourExamples(double train, double dev, String verdict) {
        assertEquals(verdict, Diagnosis.of(train, dev, 0).verdict());
    }

    @Test
    void bayesErrorTurnsHighBiasIntoLowBias() {
        // the course: 15% train error is fine when humans also get 15% wrong (blurry images)
        Diagnosis d = Diagnosis.of(0.15, 0.16, 0.15);
        assertEquals("low bias and low variance", d.verdict());
        assertEquals(0.0, d.avoidableBias(), 1e-15);
        assertEquals(0.01, d.variance(), 1e-15);
    }

    @Test
    void nextStepsFollowTheRecipe() {
        // the steps read right from the Java API and the CLI alike: no flags
        for (Diagnosis d : new Diagnosis[] {Diagnosis.of(0.15, 0.30, 0), Diagnosis.of(0.01, 0.11, 0), Diagnosis.of(0.15, 0.16, 0)}) {
            assertTrue(d.nextSteps().stream().noneMatch(s -> s.contains("--")), d.nextSteps().toString());
        }
        assertTrue(Diagnosis.of(0.01, 0.11, 0).nextSteps().containsAll(java.util.List.of("L2 regularization (a larger λ)",
                "dropout (keep_prob below 1)")));
        assertTrue(Diagnosis.of(0.15, 0.16, 0).nextSteps().stream().anyMatch(s -> s.contains("bigger network")));
        assertTrue(Diagnosis.of(0.01, 0.11, 0).nextSteps().stream().anyMatch(s -> s.contains("more data")));
        String report = Diagnosis.of(0.01, 0.11, 0).report();
        assertTrue(report.contains("avoidable bias 1.00% (low; high above 5.00%), variance 10.00% (high; high above 5.00%)")
                && report.contains("verdict: high variance"), report);
    }

    @Test
    void errorsOutsideZeroOneAreBadInput() {
        assertThrows(BadInputException.class, () -> Diagnosis.of(15, 16, 0));
        assertThrows(BadInputException.class, () -> Diagnosis.of(0.1, 0.2, 0.3));
    }
}
