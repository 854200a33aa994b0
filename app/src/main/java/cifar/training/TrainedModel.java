package cifar.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import cifar.UserError;
import cifar.config.RunConfig;
import cifar.data.CifarSplit;
import cifar.engine.Threads;
import cifar.model.BlitzNet;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A network trained earlier: rebuilt from its config, its parameters read from a file, held on
 * one device until closed. Images reach it as a {@link CifarSplit} (32×32 bytes in CHW order)
 * and are normalised on upload exactly as in training ({@link DeviceSplit}), so {@code evaluate}
 * and {@code predict} see an image as the training loop did.
 */
public final class TrainedModel implements AutoCloseable {
  private final NDManager manager;
  private final Block net;
  private final ParameterStore store;

  private TrainedModel(NDManager manager, Block net) {
    this.manager = manager;
    this.net = net;
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Builds the network of {@code config} and loads its parameters.
   *
   * @param parameters the file {@link CnnRunExecutor#execute(RunConfig, RunExecutor.EpochListener,
   *     RunFiles)} wrote
   * @throws UserError when the file is missing or does not fit the architecture
   */
  public static TrainedModel load(RunConfig config, Path parameters, ExecutionOptions options) {
    Threads.configure(options.threads());
    // With --gpus K the first GPU evaluates: 10,000 images are not worth splitting.
    NDManager manager = NDManager.newBaseManager(options.devices().get(0));
    try {
      Block net = BlitzNet.build(config, manager);
      load(net, parameters, manager);
      return new TrainedModel(manager, net);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Evaluates saved parameters on a test split (loads, evaluates, closes). */
  public static Evaluation evaluate(
      RunConfig config, Path parameters, CifarSplit test, ExecutionOptions options) {
    try (TrainedModel model = load(config, parameters, options)) {
      return model.evaluate(test);
    }
  }

  /** Test accuracy, overall and per class, on {@code test}. */
  public Evaluation evaluate(CifarSplit test) {
    return Evaluation.score(classes(test), test.labels());
  }

  /** The class given to each image: the index of its largest logit, as evaluation counts it. */
  public long[] classes(CifarSplit images) {
    try (NDManager scope = manager.newSubManager()) {
      DeviceSplit split = DeviceSplit.upload(images, scope);
      return Evaluation.classes(net, store, split.images, images.size());
    }
  }

  /** The network's 10 logits of each image, in class order. */
  public float[][] logits(CifarSplit images) {
    int classes = CifarSplit.CLASSES.length;
    float[] flat;
    try (NDManager scope = manager.newSubManager()) {
      DeviceSplit split = DeviceSplit.upload(images, scope);
      flat = Inference.run(net, store, split.images, images.size(), logits -> logits,
          kept -> kept == null ? new float[0] : kept.toFloatArray());
    }
    float[][] out = new float[images.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }

  static void load(Block net, Path file, NDManager manager) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("parameters file " + file + " is missing");
    }
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      net.loadParameters(manager, data);
    } catch (IOException | MalformedModelException | IllegalArgumentException e) {
      throw new UserError("parameters file " + file + " does not fit the model of its config.yaml: "
          + e.getMessage(), e);
    }
  }
}
