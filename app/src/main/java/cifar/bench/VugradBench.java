package cifar.bench;

import cifar.vugrad.Tensor;
import cifar.vugrad.TensorNode;
import cifar.vugrad.Workspace;
import cifar.vugrad.data.Dataset;
import cifar.vugrad.data.Synth;
import cifar.vugrad.nn.Activation;
import cifar.vugrad.nn.Functions;
import cifar.vugrad.nn.MLP;
import cifar.vugrad.train.TrainSettings;
import cifar.vugrad.train.Trainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The two timings of docs/BENCHMARKS.md ("vugrad"), taken inside one JVM after a warm-up (so the JIT has
 * compiled the hot loops), as the median of several repeats.
 */
public final class VugradBench {
  private VugradBench() {}

  /**
   * Seconds for one synthetic epoch (hidden 8, batch 128) as numpy vugrad's train_mlp.py runs it:
   * one training pass over all 60,000 rows (469 batches: forward, backward, SGD step) plus one
   * validation pass over the 10,000 validation rows (forward only; vugrad computes the validation
   * accuracy at the start of every epoch). This is what vugrad's 0.24 s per epoch measured.
   */
  public static Timing synthEpoch(int warmup, int repeats) {
    return time(warmup, repeats, synthEpochTask());
  }

  /** One synthetic epoch as {@link #synthEpoch} times it, on a model of its own. */
  static Runnable synthEpochTask() {
    Dataset data = Synth.load(1);
    Trainer trainer = new Trainer(data, TrainSettings.synthDefaults(Activation.SIGMOID, 1));
    return () -> {
      trainer.trainEpoch();
      Trainer.accuracy(trainer.model(), data.validation());
    };
  }

  /**
   * The synthetic epoch timed in lockstep with another program (scripts/bench/lockstep.py runs
   * numpy vugrad's epoch and this by turns): after {@code warmup} untimed epochs it prints
   * {@code READY}, then for every line it reads it runs {@code repeats} epochs and prints
   * {@code TURN <seconds>}, their median, until its input ends. Taking turns, both sides meet
   * the same spells of a machine whose speed swings within minutes. Several epochs a turn, so
   * that a turn lasts about as long as numpy vugrad's one epoch: the first epoch after the other
   * program's turn finds the caches cold (one epoch a turn measured 10 ms where a run of them
   * takes 8).
   */
  public static void lockstep(int warmup, int repeats, BufferedReader in, PrintWriter out)
      throws IOException {
    Runnable epoch = synthEpochTask();
    for (int i = 0; i < warmup; i++) {
      epoch.run();
    }
    out.println("READY");
    out.flush();
    while (in.readLine() != null) {
      out.printf(Locale.ROOT, "TURN %.6f%n", time(0, repeats, epoch).medianWall());
      out.flush();
    }
  }

  /** Seconds for the training pass alone of one synthetic epoch (60,000 rows, no validation). */
  public static Timing synthTrainPass(int warmup, int repeats) {
    Trainer trainer = new Trainer(Synth.load(1), TrainSettings.synthDefaults(Activation.SIGMOID, 1));
    return time(warmup, repeats, trainer::trainEpoch);
  }

  /** Seconds for forward + backward of one batch of 128 through a 784 → 3136 → 10 MLP. */
  public static Timing mnistBatch(int warmup, int repeats) {
    Random random = new Random(1);
    MLP mlp = new MLP(784, 3136, 10, Activation.SIGMOID, random);
    double[] pixels = new double[128 * 784];
    int[] targets = new int[128];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextDouble();
    }
    for (int i = 0; i < targets.length; i++) {
      targets[i] = random.nextInt(10);
    }
    Tensor batch = Tensor.of(new int[] {128, 784}, pixels);
    try (Workspace memory = Workspace.open()) { // as Trainer runs its batches
      return time(
          warmup,
          repeats,
          () -> {
            TensorNode loss = Functions.logceloss(mlp.forward(TensorNode.constant(batch)), targets);
            loss.backward();
            loss.zeroGrad();
            memory.recycle();
          });
    }
  }

  /**
   * Seconds per run, sorted: wall-clock time, and the CPU time of the calling thread. On a shared
   * machine the wall time also counts the waits for a free core; the thread's CPU time does not
   * (but it misses the helper threads of EJML's threaded products).
   */
  public record Timing(double[] wall, double[] cpu) {
    public double medianWall() {
      return median(wall);
    }

    public double medianCpu() {
      return median(cpu);
    }
  }

  /** Runs {@code task} warmup times untimed, then repeats times timed. */
  static Timing time(int warmup, int repeats, Runnable task) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < warmup; i++) {
      task.run();
    }
    double[] wall = new double[repeats];
    double[] cpu = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      task.run();
      wall[i] = (System.nanoTime() - start) / 1e9;
      cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Timing(wall, cpu);
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
