package cifar.vugrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.vugrad.check.OpCase;
import cifar.vugrad.check.OpCases;
import cifar.vugrad.data.Dataset;
import cifar.vugrad.data.Split;
import cifar.vugrad.data.Synth;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.nn.Functions;
import cifar.vugrad.nn.MLP;
import cifar.vugrad.nn.SGD;
import cifar.vugrad.ops.Sum;
import cifar.vugrad.train.TrainSettings;
import cifar.vugrad.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

  /** Empty tensors reuse the arrays of the last batch; zeros are new zeros, workspace or not. */
  @Test
  void recycledArraysComeBackAndZerosAreNew() {
    try (Workspace memory = Workspace.open()) {
      double[] first = Tensor.empty(5).values();
      Arrays.fill(first, 7.0);
      assertEquals(1, memory.lentCount());
      memory.recycle();
      assertEquals(0, memory.lentCount());
      double[] second = Tensor.empty(5).values();
      assertSame(first, second, "the next batch gets the same array back");
      assertNotSame(second, Tensor.empty(5).values(), "an array is lent to one taker at a time");
      double[] zeros = Tensor.zeros(5).values();
      assertArrayEquals(new double[5], zeros);
      assertEquals(2, memory.lentCount(), "zeros are not the workspace's");
    }
  }

  @Test
  void aKeptArrayIsNeverLentAgain() {
    try (Workspace memory = Workspace.open()) {
      Tensor kept = Tensor.empty(4);
      double[] other = Workspace.forOverwrite(4);
      kept.keep();
      assertEquals(1, memory.lentCount());
      memory.recycle();
      assertSame(other, Workspace.forOverwrite(4));
      assertNotSame(kept.values(), Workspace.forOverwrite(4));
    }
  }

  /** Detaching while some arrays of that length are free keeps every other array, lent or free. */
  @Test
  void detachingAmongFreeArraysLosesNoOther() {
    try (Workspace memory = Workspace.open()) {
      double[] a = Workspace.forOverwrite(4);
      double[] b = Workspace.forOverwrite(4);
      double[] c = Workspace.forOverwrite(4);
      memory.recycle();
      assertSame(a, Workspace.forOverwrite(4));
      assertSame(b, Workspace.forOverwrite(4)); // a and b lent again, c free
      Workspace.detach(a);
      assertEquals(1, memory.lentCount());
      memory.recycle();
      List<double[]> next =
          List.of(Workspace.forOverwrite(4), Workspace.forOverwrite(4), Workspace.forOverwrite(4));
      assertTrue(next.stream().anyMatch(x -> x == b), "b is lent again");
      assertTrue(next.stream().anyMatch(x -> x == c), "c, free when a left, is lent again");
      assertTrue(next.stream().noneMatch(x -> x == a), "a is never lent again");
    }
  }

  @Test
  void withoutAWorkspaceEveryArrayIsNew() {
    Tensor a = Tensor.empty(3);
    a.values()[0] = 1;
    assertNotSame(a.values(), Tensor.empty(3).values());
    assertArrayEquals(new double[3], Tensor.empty(3).values());
    assertArrayEquals(new double[] {1, 0, 0}, a.plus(Tensor.zeros(3)).values());
  }

  @Test
  void closingRestoresTheOuterWorkspaceAndNeedsInnermostFirst() {
    try (Workspace outer = Workspace.open()) {
      Workspace inner = Workspace.open();
      assertThrows(IllegalStateException.class, outer::close);
      Tensor.empty(2);
      assertEquals(1, inner.lentCount());
      inner.close();
      Tensor.empty(2);
      assertEquals(1, outer.lentCount(), "after the inner one closes, the outer one lends");
    }
  }

  /** A parameter's gradient is read after the batch (by SGD, by a test): it must not be lent out. */
  @Test
  void parameterGradientsOutliveTheBatch() {
    Random random = new Random(3);
    Tensor x = Tensor.of(new int[] {4, 2}, random.doubles(8).toArray());
    int[] targets = {0, 1, 1, 0};
    MLP plain = new MLP(2, 3, 2, Activation.SIGMOID, new Random(5));
    Functions.logceloss(plain.forward(TensorNode.constant(x)), targets).backward();

    MLP pooled = new MLP(2, 3, 2, Activation.SIGMOID, new Random(5));
    try (Workspace memory = Workspace.open()) {
      Functions.logceloss(pooled.forward(TensorNode.constant(x)), targets).backward();
      memory.recycle();
      // The next batch overwrites every array the workspace lent.
      Functions.logceloss(pooled.forward(TensorNode.constant(x.copy())), new int[] {1, 1, 1, 1});
    }
    List<TensorNode> expected = plain.parameters();
    List<TensorNode> actual = pooled.parameters();
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).grad().values(), actual.get(i).grad().values(), "parameter " + i);
    }
  }

  /** A parameter used twice gets the sum of two gradients, made in the workspace: it is kept too. */
  @Test
  void aSummedParameterGradientOutlivesTheBatch() {
    TensorNode w = new TensorNode(Tensor.matrix(2, 2, 1, 2, 3, 4), "w");
    try (Workspace memory = Workspace.open()) {
      Sum.OP.apply(w.plus(w).plus(w)).backward(); // three uses: the second one makes a new sum
      memory.recycle();
      Sum.OP.apply(w.times(w)).backward(); // the next batch: 2w added, in arrays the workspace lends again
    }
    assertArrayEquals(new double[] {5, 7, 9, 11}, w.grad().values());
  }

  /** The trainer's pooled epoch computes exactly what the same loop computes with new arrays. */
  @Test
  void trainingInAWorkspaceGivesTheSameNumbers() {
    Dataset data = Synth.load(3_000, 500, 2);
    TrainSettings settings = TrainSettings.synthDefaults(Activation.SIGMOID, 2);
    Trainer trainer = new Trainer(data, settings);
    double pooledLoss = trainer.trainEpoch() * data.train().size();

    MLP model = new MLP(2, settings.hidden(), 2, settings.activation(), new Random(settings.seed()));
    SGD sgd = new SGD(model.parameters(), settings.lr());
    Split train = data.train();
    double plainLoss = 0;
    for (int from = 0; from < train.size(); from += settings.batchSize()) {
      int to = Math.min(from + settings.batchSize(), train.size());
      TensorNode loss =
          Functions.logceloss(model.forward(TensorNode.constant(train.rows(from, to))), train.labels(from, to));
      plainLoss += loss.value().item();
      loss.backward();
      sgd.step();
      sgd.zeroGrad();
    }
    assertEquals(plainLoss, pooledLoss, 1e-9 * Math.abs(plainLoss));
    List<TensorNode> expected = model.parameters();
    List<TensorNode> actual = trainer.model().parameters();
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).value().values(), actual.get(i).value().values(), "parameter " + i);
    }
    assertEquals(Trainer.accuracy(model, data.validation()), Trainer.accuracy(trainer.model(), data.validation()));
  }

  /**
   * Ops take arrays from the workspace without clearing them where they write every element. So
   * with recycled arrays full of NaN, every op (and function built from ops) must still give the
   * values and gradients it gives with new arrays: a skipped element would show as NaN.
   */
  @Test
  void everyOpWritesAllOfEveryRecycledArrayItUses() {
    for (OpCase c : OpCases.all(new Random(5))) {
      List<double[]> expected = valueAndGradients(c);
      try (Workspace memory = Workspace.open()) {
        for (int length = 0; length <= 64; length++) {
          for (int copies = 0; copies < 20; copies++) {
            Arrays.fill(Tensor.empty(length).values(), Double.NaN);
          }
        }
        memory.recycle(); // every array of up to 64 elements handed out next holds NaN
        List<double[]> actual = valueAndGradients(c);
        for (int i = 0; i < expected.size(); i++) {
          assertArrayEquals(expected.get(i), actual.get(i), c.name() + ", result " + i);
        }
      }
    }
  }

  /** The case's output values, then its inputs' gradients for the loss Σ w ⊙ output, as copies. */
  private static List<double[]> valueAndGradients(OpCase c) {
    TensorNode[] leaves = new TensorNode[c.inputs().length];
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = new TensorNode(c.inputs()[i].copy());
    }
    TensorNode out = c.function().apply(leaves);
    double[] weights = new double[out.value().size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 0.5 + i;
    }
    TensorNode w = TensorNode.constant(out.value().withValues(weights));
    Sum.OP.apply(Multiply.OP.apply(out, w)).backward();
    List<double[]> results = new ArrayList<>();
    results.add(out.value().values().clone());
    for (TensorNode leaf : leaves) {
      results.add(leaf.grad().values().clone());
    }
    return results;
  }
}
