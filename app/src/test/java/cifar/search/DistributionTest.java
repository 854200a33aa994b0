package cifar.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every kind of distribution draws inside its bounds, reaches them, and has the right shape. */
class DistributionTest {
  private static final int N = 4000;

  /** N draws of one key, each trial of a search with seed 7. */
  private static List<Object> draws(Distribution d) {
    Space space = new Space(Map.of("k", d));
    List<Object> out = new ArrayList<>();
    for (int t = 1; t <= N; t++) {
      out.add(Draws.trial(space, 7, t).get("k"));
    }
    return out;
  }

  private static List<Double> doubles(List<Object> xs) {
    return xs.stream().map(x -> ((Number) x).doubleValue()).toList();
  }

  private static double fraction(List<Double> xs, Function<Double, Boolean> test) {
    return xs.stream().filter(test::apply).count() / (double) xs.size();
  }

  @Test
  void logUniformRealsStayInBoundsAndAreUniformInTheirLogarithm() {
    List<Double> xs = doubles(draws(new Real(0.0001, 0.01, true)));
    assertTrue(xs.stream().allMatch(x -> x >= 0.0001 && x <= 0.01), "in bounds");
    // each decade holds half the draws; a linear draw would put 1% of them in the first
    assertEquals(0.5, fraction(xs, x -> x < 0.001), 0.03);
    assertEquals(0.25, fraction(xs, x -> x < Math.sqrt(1e-7)), 0.03);
    assertTrue(xs.stream().allMatch(x -> x.equals(Double.valueOf(
        new java.math.BigDecimal(x).round(new java.math.MathContext(3)).doubleValue()))),
        "three significant digits");
  }

  @Test
  void uniformRealsFillTheirRangeEvenly() {
    List<Double> xs = doubles(draws(new Real(0.8, 0.95, false)));
    assertTrue(xs.stream().allMatch(x -> x >= 0.8 && x <= 0.95));
    assertEquals(0.5, fraction(xs, x -> x < 0.875), 0.03);
    assertEquals(0.1, fraction(xs, x -> x < 0.815), 0.02);
  }

  @Test
  void wholeNumbersReachBothEndsEquallyOften() {
    List<Object> xs = draws(new IntRange(2, 5, false));
    Map<Object, Integer> counts = new HashMap<>();
    xs.forEach(x -> counts.merge(x, 1, Integer::sum));
    assertEquals(Map.of(2, 0, 3, 0, 4, 0, 5, 0).keySet(), counts.keySet(), "2..5, both included");
    counts.values().forEach(c -> assertEquals(N / 4.0, c, N * 0.03));
    assertTrue(xs.stream().allMatch(x -> x instanceof Integer));
  }

  @Test
  void logWholeNumbersFavourSmallOnesAndReachTheTop() {
    List<Double> xs = doubles(draws(new IntRange(8, 63, true)));
    assertTrue(xs.stream().allMatch(x -> x >= 8 && x <= 63 && x == Math.rint(x)));
    // log-uniform over [8, 64): 8..15 and 32..63 are each a third
    assertEquals(1 / 3.0, fraction(xs, x -> x < 16), 0.03);
    assertEquals(1 / 3.0, fraction(xs, x -> x >= 32), 0.03);
    assertTrue(xs.contains(63.0) && xs.contains(8.0));
  }

  @Test
  void choicesAreEquallyLikelyAndMayBeLists() {
    List<Object> values = List.of(List.of(120, 84), List.of(256), List.of(64, 64, 32));
    List<Object> xs = draws(new Choice(values));
    for (Object v : values) {
      assertEquals(1 / 3.0, xs.stream().filter(v::equals).count() / (double) N, 0.03, v.toString());
    }
  }

  @Test
  void perLayerListsDrawTheirLengthThenEachEntry() {
    List<Object> xs = draws(new PerLayer(new Choice(List.of(2, 3)), new IntRange(8, 64, false)));
    long threes = xs.stream().filter(x -> ((List<?>) x).size() == 3).count();
    assertTrue(xs.stream().allMatch(x -> ((List<?>) x).size() == 2 || ((List<?>) x).size() == 3));
    assertEquals(0.5, threes / (double) N, 0.03);
    List<Double> widths = xs.stream().flatMap(x -> ((List<?>) x).stream())
        .map(w -> ((Number) w).doubleValue()).toList();
    assertTrue(widths.stream().allMatch(w -> w >= 8 && w <= 64));
    assertTrue(widths.contains(8.0) && widths.contains(64.0));
    assertEquals(List.of(List.of(8, 8), List.of(64, 64), List.of(8, 8, 8), List.of(64, 64, 64)),
        new PerLayer(new Choice(List.of(2, 3)), new IntRange(8, 64, false)).extremes());
  }

  @Test
  void impossibleBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Real(0.01, 0.001, false));
    assertThrows(IllegalArgumentException.class, () -> new Real(0.0, 0.1, true));
    assertThrows(IllegalArgumentException.class, () -> new Real(1, Double.POSITIVE_INFINITY, false));
    assertThrows(IllegalArgumentException.class, () -> new IntRange(5, 5, false));
    assertThrows(IllegalArgumentException.class, () -> new IntRange(0, 4, true));
    assertThrows(IllegalArgumentException.class, () -> new Choice(List.of(4)));
    assertThrows(IllegalArgumentException.class, () -> new Choice(List.of(4, 8, 4)));
  }

  @Test
  void theyDescribeThemselvesAsTheFileWritesThem() {
    assertEquals("log-uniform [0.0005, 0.01]", new Real(0.0005, 0.01, true).describe());
    assertEquals("uniform [0, 0.5]", new Real(0, 0.5, false).describe());
    assertEquals("log-int 8..64", new IntRange(8, 64, true).describe());
    assertEquals("one of [120, 84], [256]",
        new Choice(List.of(List.of(120, 84), List.of(256))).describe());
    assertEquals("layers one of 2, 3, each int 8..64",
        new PerLayer(new Choice(List.of(2, 3)), new IntRange(8, 64, false)).describe());
  }
}
