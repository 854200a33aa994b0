package cifar.vugrad.train;

import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.Workspace;
import cifar.vugrad.data.Dataset;
import cifar.vugrad.data.Split;
import cifar.vugrad.nn.Functions;
import cifar.vugrad.nn.MLP;
import cifar.vugrad.nn.Module;
import cifar.vugrad.nn.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** vugrad's train_mlp.py: an MLP trained with plain SGD on the cross-entropy, batch by batch. */
public final class Trainer {
  /** Validation runs in chunks of this many rows, to bound memory on wide models. */
  private static final int EVAL_CHUNK = 1_000;

  private final Dataset data;
  private final TrainSettings settings;
  private final MLP model;
  private final SGD sgd;

  public Trainer(Dataset data, TrainSettings settings) {
    this.data = data;
    this.settings = settings;
    this.model =
        new MLP(
            data.train().numFeatures(),
            settings.hidden(),
            data.numClasses(),
            settings.activation(),
            new Random(settings.seed()));
    this.sgd = new SGD(model.parameters(), settings.lr());
  }

  public Module model() {
    return model;
  }

  /** Runs all epochs, telling {@code listener} about each as it ends. */
  public List<EpochResult> run(Consumer<EpochResult> listener) {
    List<EpochResult> results = new ArrayList<>();
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      long start = System.nanoTime();
      double loss = trainEpoch();
      double accuracy = accuracy(model, data.validation());
      EpochResult result = new EpochResult(epoch, loss, accuracy, (System.nanoTime() - start) / 1e9);
      results.add(result);
      listener.accept(result);
    }
    return results;
  }

  /** One pass over the training data in order (vugrad does not shuffle); returns the running loss. */
  public double trainEpoch() {
    Split train = data.train();
    int n = train.size();
    double lossSum = 0;
    try (Workspace memory = Workspace.open()) { // every batch reuses the arrays of the one before
      for (int from = 0; from < n; from += settings.batchSize()) {
        int to = Math.min(from + settings.batchSize(), n);
        TensorNode batch = TensorNode.constant(train.rows(from, to)); // data: no gradient
        TensorNode loss = Functions.logceloss(model.forward(batch), train.labels(from, to));
        lossSum += loss.value().item(); // the raw number: keeping the node would keep every graph
        loss.backward();
        sgd.step();
        sgd.zeroGrad(); // the parameters' gradients would otherwise add up over batches
        // vugrad calls loss.clear() here, to break the node ↔ op cycles for Python's reference
        // counting. Java's collector takes an unreachable graph, cycles and all, so the walk (a
        // measurable part of an epoch) is left out; the batch's arrays go back to the workspace.
        memory.recycle();
      }
    }
    return lossSum / n;
  }

  /** The fraction of rows whose most probable class is the true one. */
  public static double accuracy(Module model, Split split) {
    int correct = 0;
    try (Workspace memory = Workspace.open()) {
      for (int from = 0; from < split.size(); from += EVAL_CHUNK) {
        int to = Math.min(from + EVAL_CHUNK, split.size());
        TensorNode out = model.forward(TensorNode.constant(split.rows(from, to)));
        Tensor scores = out.value();
        int[] labels = split.labels(from, to);
        for (int r = 0; r < labels.length; r++) {
          if (argmax(scores, r) == labels[r]) {
            correct++;
          }
        }
        memory.recycle();
      }
    }
    return split.size() == 0 ? Double.NaN : (double) correct / split.size();
  }

  private static int argmax(Tensor scores, int row) {
    int best = 0;
    for (int c = 1; c < scores.size(1); c++) {
      if (scores.get(row, c) > scores.get(row, best)) {
        best = c;
      }
    }
    return best;
  }
}
