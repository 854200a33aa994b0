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

/** A network trained earlier: rebuilt from its config, its parameters read from a file. */
public final class TrainedModel {
  private TrainedModel() {}

  /**
   * Evaluates saved parameters on a test split.
   *
   * @param config the run's config (it decides the architecture)
   * @param parameters the file {@link CnnRunExecutor#execute(RunConfig, RunExecutor.EpochListener,
   *     Path)} wrote
   * @throws UserError when the file is missing or does not fit the architecture
   */
  public static Evaluation evaluate(
      RunConfig config, Path parameters, CifarSplit test, ExecutionOptions options) {
    Threads.configure(options.threads());
    // With --gpus K the first GPU evaluates: 10,000 images are not worth splitting.
    try (NDManager manager = NDManager.newBaseManager(options.devices().get(0))) {
      Block net = BlitzNet.build(config, manager);
      load(net, parameters, manager);
      DeviceSplit split = DeviceSplit.upload(test, manager);
      return Evaluation.of(net, new ParameterStore(manager, false), split.images, test.labels());
    }
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
