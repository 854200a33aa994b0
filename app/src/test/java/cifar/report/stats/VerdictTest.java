package cifar.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final double NAN = Double.NaN;

  @Test
  void significantWithTheStudysSignIsReplicated() {
    assertEquals(Verdict.REPLICATED, Verdict.of(-0.21, 3, 3, -0.186, 0.001));
    assertEquals(Verdict.REPLICATED, Verdict.of(+0.06, 3, 3, +0.059, 0.049));
  }

  @Test
  void significantAgainstTheStudysSignIsContradicted() {
    assertEquals(Verdict.CONTRADICTED, Verdict.of(+0.01, 3, 3, -0.035, 0.01));
    assertEquals(Verdict.CONTRADICTED, Verdict.of(-0.03, 5, 3, +0.02, 0.0));
  }

  @Test
  void notSignificantAfterHolmIsNoEffectFound() {
    assertEquals(Verdict.NO_EFFECT_FOUND, Verdict.of(-0.03, 3, 3, -0.035, 0.05));
    assertEquals(Verdict.NO_EFFECT_FOUND, Verdict.of(+0.05, 3, 3, +0.019, 0.74));
  }

  @Test
  void whereTheStudySawNoChangeAnyEffectContradictsItAndNoneIsNoEffectFound() {
    assertEquals(Verdict.CONTRADICTED, Verdict.of(0.0, 3, 3, +0.05, 0.001));
    assertEquals(Verdict.CONTRADICTED, Verdict.of(0.0, 3, 3, -0.05, 0.001));
    assertEquals(Verdict.NO_EFFECT_FOUND, Verdict.of(0.0, 3, 3, 0.001, 0.8));
  }

  @Test
  void oneSeedOnEitherSideNeedsMoreSeeds() {
    assertEquals(Verdict.NEEDS_SEEDS, Verdict.of(-0.21, 1, 3, -0.186, NAN));
    assertEquals(Verdict.NEEDS_SEEDS, Verdict.of(-0.21, 3, 1, -0.186, NAN));
    assertEquals(Verdict.NEEDS_SEEDS, Verdict.of(-0.21, 1, 1, -0.186, NAN));
    assertEquals("needs ≥ 2 seeds", Verdict.NEEDS_SEEDS.label());
  }

  @Test
  void nothingToJudgeWithoutAStudyNumberOrWithoutRuns() {
    assertNull(Verdict.of(NAN, 3, 3, -0.186, 0.001), "the study reported nothing");
    assertNull(Verdict.of(-0.21, 0, 3, NAN, NAN), "every run failed or is missing");
    assertNull(Verdict.of(-0.21, 3, 0, NAN, NAN), "the baseline has no finished run");
  }
}
