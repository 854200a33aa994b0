package cifar.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import cifar.data.CifarDataset;
import cifar.data.CifarLoader;
import cifar.engine.Devices;
import cifar.engine.Memory;
import cifar.engine.Threads;
import cifar.sweep.plan.Placement;
import cifar.sweep.run.TrainerFactory;
import cifar.training.CnnRunExecutor;
import cifar.training.ExecutionOptions;
import cifar.training.RunExecutor;
import cifar.training.TrainingProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens the CNN trainer for a sweep: the data set loaded once for all runs, libtorch's threads
 * set once for the process (the cores divided by the runs in parallel). The sweep prints its own
 * progress line, so the trainer's per-step progress stays quiet.
 *
 * <p>Each run of a sweep trains on one group of devices ({@link Devices#groupsForRuns}): one
 * device each by default, so with several GPUs under {@code --device auto} worker i trains on
 * gpu:(i mod G); with {@code --gpus K} each run trains data-parallel on K GPUs, as {@code train
 * --gpus K} does, and worker i takes the (i mod ⌊G/K⌋)-th group of K. The data set is uploaded
 * once to the first device of each group in use.
 */
final class CnnTrainer implements TrainerFactory {
  @Override
  public RunExecutor open(Settings settings) {
    return openWorkers(settings).get(0);
  }

  @Override
  public List<RunExecutor> openWorkers(Settings settings) {
    Threads.configure(settings.threadsPerRun()); // before anything loads libtorch
    List<List<Device>> groups = Devices.groupsForRuns(settings.device(), settings.gpus(),
        Engine.getInstance().getGpuCount());
    List<List<Device>> perWorker = Placement.roundRobin(groups, settings.parallel());
    Map<List<Device>, RunExecutor> byGroup = upload(perWorker, settings);
    Memory.releaseHeap(); // the data set's host copy is garbage now
    return perWorker.stream().map(byGroup::get).toList();
  }

  /**
   * Reads the data set and uploads it once to each group of devices in use. Only the executors
   * are returned, so nothing holds the host copy afterwards.
   */
  private static Map<List<Device>, RunExecutor> upload(List<List<Device>> perWorker,
      Settings settings) {
    CifarDataset data = CifarLoader.load(settings.dataDir());
    Map<List<Device>, RunExecutor> byGroup = new LinkedHashMap<>();
    for (List<Device> g : perWorker) {
      byGroup.computeIfAbsent(g, group -> new CnnRunExecutor(data, new ExecutionOptions(
          Devices.spec(group.get(0)), settings.threadsPerRun(), TrainingProgress.NONE), group));
    }
    return byGroup;
  }
}
