package cifar.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import cifar.data.CifarDataset;
import cifar.data.CifarLoader;
import cifar.engine.Devices;
import cifar.engine.Threads;
import cifar.sweep.Placement;
import cifar.sweep.TrainerFactory;
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
 * <p>Each run of a sweep trains on one device. With several GPUs (all that DJL sees under
 * {@code --device auto}, or the first K of {@code --gpus K}), the parallel workers are placed
 * round robin, worker i on gpu:(i mod K), with the data set uploaded once to each GPU in use.
 */
final class CnnTrainer implements TrainerFactory {
  @Override
  public RunExecutor open(Settings settings) {
    return openWorkers(settings).get(0);
  }

  @Override
  public List<RunExecutor> openWorkers(Settings settings) {
    Threads.configure(settings.threadsPerRun()); // before anything loads libtorch
    List<Device> places = Devices.forRuns(settings.device(), settings.gpus(),
        Engine.getInstance().getGpuCount());
    List<Device> perWorker = Placement.roundRobin(places, settings.parallel());
    CifarDataset data = CifarLoader.load(settings.dataDir());
    Map<Device, RunExecutor> byDevice = new LinkedHashMap<>();
    for (Device d : perWorker) {
      byDevice.computeIfAbsent(d, device -> new CnnRunExecutor(data, new ExecutionOptions(
          Devices.spec(device), settings.threadsPerRun(), TrainingProgress.NONE)));
    }
    return perWorker.stream().map(byDevice::get).toList();
  }
}
