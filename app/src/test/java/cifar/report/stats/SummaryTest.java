package cifar.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void confidenceIntervalIsStudentTWithNMinusOneDegreesOfFreedom() {
    Summary s = Summary.of(List.of(0.612, 0.604, 0.620));
    assertEquals(3, s.n());
    assertEquals(0.612, s.mean(), 1e-15);
    assertEquals(0.008, s.std(), 1e-15);
    // scipy 1.17: stats.t.interval(0.95, 2, loc=0.612, scale=stats.sem([0.612, 0.604, 0.620]));
    // the same t quantile (4.30265272974946) also found by root-finding mpmath's integral of the
    // t density with 2 degrees of freedom
    assertEquals(0.5921268983059973, s.ciLow(), 1e-12);
    assertEquals(0.6318731016940027, s.ciHigh(), 1e-12);
  }

  @Test
  void oneValueHasAMeanButNoSpreadAndNoInterval() {
    Summary s = Summary.of(List.of(0.6));
    assertEquals(1, s.n());
    assertEquals(0.6, s.mean());
    assertTrue(Double.isNaN(s.std()));
    assertTrue(Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()));
  }

  @Test
  void noValuesHaveNoMean() {
    Summary s = Summary.of(List.of());
    assertEquals(0, s.n());
    assertTrue(Double.isNaN(s.mean()) && Double.isNaN(s.std()) && Double.isNaN(s.ciLow()));
  }

  @Test
  void identicalValuesGiveAnIntervalOfZeroWidth() {
    Summary s = Summary.of(List.of(0.5, 0.5, 0.5));
    assertEquals(0, s.std());
    assertEquals(0.5, s.ciLow());
    assertEquals(0.5, s.ciHigh());
  }
}
