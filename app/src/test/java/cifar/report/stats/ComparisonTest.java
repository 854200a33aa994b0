package cifar.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final Summary BASELINE = Summary.of(List.of(0.612, 0.604, 0.620));

  @Test
  void welchTestAgainstTheBaselineMatchesScipy() {
    // five seeds with more spread than the baseline's three: Welch's df (5.67) is not the
    // pooled test's 6, and its p-value is not the pooled test's 0.039
    Comparison c = Comparison.of(Summary.of(List.of(0.631, 0.655, 0.640, 0.671, 0.622)), BASELINE);
    // scipy 1.17: r = stats.ttest_ind(x, y, equal_var=False); r.pvalue, r.df,
    // r.confidence_interval(0.95). The p-value agrees to 15 digits with twice mpmath's integral
    // of the t density (df 5.668384853980747) beyond |t| = 3.2242612273090714.
    assertEquals(0.0318, c.diff(), 1e-12);
    assertEquals(5.668384853980747, c.df(), 1e-7);
    assertEquals(0.019543151193201703, c.p(), 1e-9);
    assertEquals(0.007320378015358342, c.ciLow(), 1e-9);
    assertEquals(0.05627962198464176, c.ciHigh(), 1e-9);
  }

  @Test
  void aLowerConfigHasANegativeDifferenceAndTheSameKindOfP() {
    Comparison c = Comparison.of(Summary.of(List.of(0.548, 0.556, 0.541)), BASELINE);
    // scipy 1.17, as above: pvalue 0.0005620298130481004, df 3.9838288116163545,
    // confidence_interval (-0.08127900475726418, -0.046054328576069115)
    assertEquals(0.0005620298130481004, c.p(), 1e-10);
    assertEquals(3.9838288116163545, c.df(), 1e-7);
    assertEquals(-0.08127900475726418, c.ciLow(), 1e-9);
    assertEquals(-0.046054328576069115, c.ciHigh(), 1e-9);
  }

  @Test
  void fewerThanTwoSeedsOnEitherSideGiveNoTest() {
    Comparison one = Comparison.of(Summary.of(List.of(0.7)), BASELINE);
    assertEquals(0.7 - 0.612, one.diff(), 1e-12, "the difference of means is still known");
    assertTrue(Double.isNaN(one.p()) && Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()));
    Comparison baselineOfOne = Comparison.of(BASELINE, Summary.of(List.of(0.6)));
    assertTrue(Double.isNaN(baselineOfOne.p()));
    Comparison nothing = Comparison.of(BASELINE, Summary.of(List.of()));
    assertTrue(Double.isNaN(nothing.diff()) && Double.isNaN(nothing.p()));
  }

  @Test
  void zeroSpreadOnBothSidesIsDefinedAndNeverThrows() {
    Summary fives = Summary.of(List.of(0.5, 0.5, 0.5));
    Comparison same = Comparison.of(fives, Summary.of(List.of(0.5, 0.5)));
    assertEquals(0, same.diff());
    assertEquals(1, same.p(), "identical values: no difference at all");
    assertEquals(0, same.ciLow());
    assertEquals(0, same.ciHigh());
    Comparison apart = Comparison.of(Summary.of(List.of(0.6, 0.6)), fives);
    assertEquals(0, apart.p(), "every seed of one beats every seed of the other, none vary");
    assertEquals(0.1, apart.ciLow(), 1e-12);
    assertEquals(0.1, apart.ciHigh(), 1e-12);
  }

  @Test
  void zeroSpreadOnOneSideIsAnOrdinaryWelchTest() {
    Comparison c = Comparison.of(Summary.of(List.of(0.62, 0.62, 0.62)), BASELINE);
    // df is the baseline's n - 1 = 2 and t = 0.008 / (0.008 / sqrt 3) = sqrt 3; for 2 degrees of
    // freedom the two-sided p has the closed form 1 - t / sqrt(2 + t^2) = 1 - sqrt(3/5)
    // (scipy 1.17's ttest_ind(..., equal_var=False) gives 0.22540333075851665 too)
    assertEquals(1 - Math.sqrt(3.0 / 5), c.p(), 1e-9);
    assertEquals(2, c.df(), 1e-12);
  }
}
