package cifar.vugrad.check;

import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.nn.Functions;
import cifar.vugrad.nn.MLP;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runs every case of {@link OpCases} over several seeds and keeps each case's worst error. */
public final class GradCheckReport {
  /** One row of the table. */
  public record Row(String name, double maxError, boolean passed) {}

  private GradCheckReport() {}

  public static List<Row> run(long firstSeed, int seeds) {
    Map<String, Double> worst = new LinkedHashMap<>();
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      Random random = new Random(seed);
      for (OpCase c : OpCases.all(random)) {
        worst.merge(c.name(), c.maxError(random), Math::max);
      }
      for (Activation activation : Activation.values()) {
        worst.merge("MLP loss, " + activation.label(), mlpError(random, activation), Math::max);
      }
    }
    List<Row> rows = new ArrayList<>();
    // NaN must fail: "NaN <= tolerance" is false, which is what we want.
    worst.forEach((name, error) -> rows.add(new Row(name, error, error <= GradCheck.TOLERANCE)));
    return rows;
  }

  /**
   * The whole model at once: an MLP (3 → 5 → 4) and its cross-entropy loss on a random batch,
   * checked over every parameter. This catches wiring mistakes no single-op check can see.
   */
  public static double mlpError(Random random, Activation activation) {
    MLP mlp = new MLP(3, 5, 4, activation, random);
    Tensor batch = OpCases.normal(random, 6, 3);
    int[] targets = new int[6];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = random.nextInt(4);
    }
    return GradCheck.maxError(
        mlp.parameters(),
        () -> Functions.logceloss(mlp.forward(new TensorNode(batch)), targets));
  }
}
