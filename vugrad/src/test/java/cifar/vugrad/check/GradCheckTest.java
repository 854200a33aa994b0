package cifar.vugrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.Context;
import cifar.vugrad.Op;
import cifar.vugrad.Tensor;
import cifar.vugrad.nn.Activation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GradCheckTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  void everyOpMatchesFiniteDifferences(long seed) {
    Random random = new Random(seed);
    List<OpCase> cases = OpCases.all(random);
    assertTrue(cases.size() >= 26, "every op and function is checked");
    for (OpCase c : cases) {
      double error = c.maxError(random);
      assertTrue(error < GradCheck.TOLERANCE, c.name() + " seed " + seed + ": error " + error);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 99})
  void wholeMlpLossMatchesFiniteDifferences(long seed) {
    for (Activation activation : Activation.values()) {
      double error = GradCheckReport.mlpError(new Random(seed), activation);
      assertTrue(error < GradCheck.TOLERANCE, activation + " seed " + seed + ": error " + error);
    }
  }

  /** The check must be able to fail: an op whose backward forgets a factor 2 is caught. */
  @Test
  void aWrongBackwardIsCaught() {
    Op wrongSquare =
        new Op() {
          @Override
          public Tensor[] forward(Context context, Tensor... in) {
            context.put("x", in[0]);
            double[] y = in[0].values().clone();
            for (int i = 0; i < y.length; i++) {
              y[i] *= y[i];
            }
            return new Tensor[] {in[0].withValues(y)};
          }

          @Override
          public Tensor[] backward(Context context, Tensor... g) {
            double[] x = context.tensor("x").values();
            double[] gx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              gx[i] = g[0].get(i) * x[i]; // should be 2·x
            }
            return new Tensor[] {g[0].withValues(gx)};
          }
        };
    Random random = new Random(5);
    OpCase c = new OpCase("wrong square", x -> wrongSquare.apply(x), OpCases.normal(random, 3, 3));
    assertTrue(c.maxError(random) > 1e-2);
  }

  @Test
  void reportListsEveryCaseOnceAndPassesThem() {
    List<GradCheckReport.Row> rows = GradCheckReport.run(11, 2);
    assertEquals(OpCases.all(new Random(0)).size() + Activation.values().length, rows.size());
    rows.forEach(r -> assertTrue(r.passed(), r.name() + " " + r.maxError()));
  }

  @Test
  void errorIsRelativeForLargeGradientsAndAbsoluteForSmallOnes() {
    assertEquals(1.0 / 101, GradCheck.error(100, 101), 1e-12);
    assertEquals(1e-3, GradCheck.error(1e-3, 0), 1e-15);
    assertTrue(Double.isNaN(GradCheck.error(Double.NaN, 1)));
  }
}
