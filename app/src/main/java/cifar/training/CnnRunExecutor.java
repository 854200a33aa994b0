package cifar.training;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import cifar.UserError;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.engine.EngineInfo;
import cifar.engine.Memory;
import cifar.engine.Threads;
import cifar.model.BlitzNet;
import cifar.model.SeededDropout;
import cifar.provenance.Provenance;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Trains the blitz CNN with DJL on PyTorch: SGD with momentum, softmax cross-entropy averaged
 * over the batch, a fresh shuffle per epoch from the run's seed, inputs normalised to
 * {@code (x/255 − 0.5)/0.5}. The data set is uploaded to the device once, in the constructor, and
 * shared by every run this executor trains. A run with {@code validation} N holds out the last N
 * training images ({@link HeldOut}) and is evaluated on them after every epoch, like on the test
 * images.
 *
 * <p>A NaN or infinite loss ends the run as {@link RunStatus#DIVERGED} with the metrics of its
 * last good epoch. An engine failure (out of memory, say) ends it as {@link RunStatus#FAILED}
 * with the message. Both are results, so a sweep goes on.
 *
 * <p>With more than one device ({@code --gpus K}) each run trains data-parallel on all of them
 * ({@link ReplicatedEpochLoop}); the data set stays on the first, which also evaluates.
 */
public final class CnnRunExecutor implements RunExecutor, AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(CnnRunExecutor.class);

  /** Seeds trained together at most: a step's per-call overhead is shared by this many. */
  static final int STACK_LIMIT = 8;

  private final ExecutionOptions options;
  private final List<Device> devices;
  private final Device device;
  private final NDManager manager;
  private final DeviceSplit train;
  private final DeviceSplit test;

  /**
   * Chooses the device, sets libtorch's threads and uploads the data set.
   *
   * @throws cifar.UserError when the device asked for is not there
   */
  public CnnRunExecutor(CifarDataset data, ExecutionOptions options) {
    this(data, options, null);
  }

  /**
   * As {@link #CnnRunExecutor(CifarDataset, ExecutionOptions)} on the given devices instead of
   * the options' (null: the options'): a sweep's group of GPUs for data-parallel runs. Tests
   * pass two CPU devices, which the command line never allows, to run the data-parallel path for
   * real without a GPU.
   */
  public CnnRunExecutor(CifarDataset data, ExecutionOptions options, List<Device> devices) {
    this.options = options;
    Threads.configure(options.threads());
    this.devices = devices != null ? List.copyOf(devices) : options.devices();
    this.device = this.devices.get(0);
    this.manager = NDManager.newBaseManager(device);
    this.train = DeviceSplit.upload(data.train(), manager);
    this.test = DeviceSplit.upload(data.test(), manager);
  }

  /** The device the runs train on (the first one when there are several). */
  public Device device() {
    return device;
  }

  /** Training images uploaded (before any run's {@code train_limit}). */
  public int trainSize() {
    return train.size();
  }

  /** Test images uploaded (before any run's {@code test_limit}). */
  public int testSize() {
    return test.size();
  }

  /** Every device a run trains on: one, or K for data-parallel training. */
  public List<Device> devices() {
    return devices;
  }

  @Override
  public Provenance.Engine engine() {
    return EngineInfo.provenance(devices);
  }

  @Override
  public RunResult execute(RunConfig config, EpochListener progress, RunFiles files) {
    long start = System.nanoTime();
    List<EpochMetrics> epochs = new ArrayList<>();
    Evaluation last = null; // of the last finished epoch
    // Data-parallel runs keep replicas whose masks and copies a checkpoint does not hold yet.
    Checkpoints checkpoints = files.checkpoints() != null && devices.size() == 1
        ? new Checkpoints(files.checkpoints()) : null;
    try (NDManager run = manager.newSubManager()) {
      // Init, shuffling and dropout masks all come from Java generators seeded by the run's seed,
      // never from libtorch's process-wide one, which runs trained side by side would share.
      BlitzNet.Net net = BlitzNet.build(config, run);
      ParameterStore store = new ParameterStore(run, false);
      TrainingEpoch loop = devices.size() > 1
          ? ReplicatedEpochLoop.create(net, config, devices, run)
          : EpochLoop.direct(config, net, run);
      HeldOut split = HeldOut.of(train, config, run);
      DeviceSplit trainRun = split.train();
      DeviceSplit testRun = test.limit(config.testLimit(), run);
      List<SeededDropout> dropouts = SeededDropout.in(net);
      int done = 0;
      int shuffles = 0;
      Optional<Checkpoints.Loaded> saved =
          checkpoints == null ? Optional.empty() : checkpoints.latest(config, run);
      if (saved.isPresent()) {
        Checkpoints.State state = resume(saved.get(), net, loop, dropouts);
        done = state.epoch();
        shuffles = state.shuffles();
        epochs.addAll(state.epochs());
        last = new Evaluation(epochs.get(epochs.size() - 1).testAccuracy(),
            state.perClassAccuracy(), state.confusion());
        epochs.forEach(progress::epochDone);
      }
      SplittableRandom shuffle = TrainingEpoch.shuffleAfter(config.seed(), trainRun.size(), shuffles);
      for (int e = done + 1; e <= config.epochs(); e++) {
        TrainingEpoch.Outcome o =
            loop.run(trainRun, shuffle, run, options.progress(), e, config.epochs());
        if (o.diverged()) {
          return result(config, RunStatus.DIVERGED, epochs, last, start,
              "loss became " + o.loss() + " in epoch " + e + " (learning rate "
                  + config.learningRate() + " too high?)");
        }
        last = Evaluation.of(net, store, testRun.images, testRun.hostLabels);
        Double validation = split.validation() == null ? null : Evaluation.of(net, store,
            split.validation().images, split.validation().hostLabels).accuracy();
        Memory.trimNative(); // glibc keeps the epoch's freed tensors' memory otherwise
        EpochMetrics m = new EpochMetrics(e, o.loss(), o.accuracy(), last.accuracy(),
            o.seconds(), o.images() / o.seconds(), validation);
        epochs.add(m);
        if (checkpoints != null) {
          checkpoints.write(new Checkpoints.State(config, e, epochs, e,
              dropouts.stream().map(SeededDropout::drawn).toList(), last.perClass(),
              last.confusion()),
              tensors(net, loop));
        }
        progress.epochDone(m);
      }
      if (files.parameters() != null) {
        save(net, files.parameters());
      }
      return result(config, RunStatus.OK, epochs, last, start, null);
    } catch (EngineException e) {
      LOG.error("run failed in the engine", e); // the stack trace into the run's log
      return result(config, RunStatus.FAILED, epochs, last, start, "engine: " + e.getMessage());
    }
  }

  /** The tensors a checkpoint keeps: the parameters, then their momentum states. */
  private static NDList tensors(Block net, TrainingEpoch loop) {
    NDList out = new NDList();
    out.addAll(EpochLoop.parametersOf(net));
    out.addAll(loop.optimizer().state());
    return out;
  }

  /** Puts a checkpoint's parameters, momentum and generator positions back into a fresh run. */
  private static Checkpoints.State resume(Checkpoints.Loaded saved, Block net, TrainingEpoch loop,
      List<SeededDropout> dropouts) {
    Checkpoints.State state = saved.state();
    int n = EpochLoop.parametersOf(net).size();
    NDList t = saved.tensors();
    if (t.size() != 2 * n || state.dropoutDraws().size() != dropouts.size()) {
      throw new UserError("checkpoint of epoch " + state.epoch() + " holds " + t.size()
          + " tensors and " + state.dropoutDraws().size() + " dropout generators; this run has "
          + 2 * n + " and " + dropouts.size());
    }
    loop.optimizer().restore(t.subList(0, n), t.subList(n, 2 * n));
    for (int d = 0; d < dropouts.size(); d++) {
      dropouts.get(d).skip(state.dropoutDraws().get(d));
    }
    return state;
  }

  /** The result with the metrics of {@code last}, the last finished epoch's (null: none). */
  static RunResult result(RunConfig config, RunStatus status, List<EpochMetrics> epochs,
      Evaluation last, long start, String error) {
    double wall = (System.nanoTime() - start) / 1e9;
    return last == null
        ? new RunResult(config, status, epochs, Double.NaN, List.of(), List.of(), wall, error)
        : new RunResult(config, status, epochs, last.accuracy(), last.perClass(),
            last.confusion(), wall, error);
  }

  /** Writes {@code net}'s parameters to {@code file} as {@code evaluate} and {@code predict} read them. */
  static void save(Block net, Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (OutputStream out = Files.newOutputStream(file);
          DataOutputStream data = new DataOutputStream(out)) {
        net.saveParameters(data);
      }
    } catch (IOException e) {
      throw new UserError("cannot write the trained parameters to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * How many seeds of a config train together as one stacked model: {@value #STACK_LIMIT} on one
   * device, 1 when runs train data-parallel (their replicas would each need the whole stack).
   */
  @Override
  public int stackLimit(RunConfig config) {
    return devices.size() == 1 ? STACK_LIMIT : 1;
  }

  /**
   * Trains the members as one {@link StackedModel} ({@link StackedRun}): each ends as its separate
   * run would, up to the order of floating-point sums, with its own parameter file.
   *
   * @throws IllegalArgumentException when the configs differ in more than their seed, are more
   *     than {@link #stackLimit}, or the listeners or files are not one per member
   */
  @Override
  public List<RunResult> executeStacked(List<RunConfig> configs, List<EpochListener> progress,
      StackFiles files) {
    StackedModel.requireOneConfig(configs);
    if (configs.size() > stackLimit(configs.get(0))) {
      throw new IllegalArgumentException(configs.size() + " runs stacked; at most "
          + stackLimit(configs.get(0)) + " train together here");
    }
    return new StackedRun(configs, progress, files).train(train, test, manager,
        options.progress());
  }

  @Override
  public void close() {
    manager.close();
  }
}
