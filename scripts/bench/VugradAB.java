import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two builds of cifar.jar, one synthetic vugrad epoch each by turns, in one JVM: how the
 * per-change ratios of docs/benchmarks/JOURNAL.md (vugrad, ninth round) were measured.
 *
 * <p>Each jar gets a class loader of its own, so each has its own classes, its own compiled code
 * and its own model; they share the machine's spells, which on these machines swing the epoch by
 * up to 1.7x within minutes. After a warm-up of 60 epochs each, every pair times one epoch of
 * each (who goes first alternates) and the ratio first/second of the pair is kept. A same-jar
 * control read 1.013, so a ratio within about 2% of 1 is noise; scripts/bench/ab-vugrad.sh runs
 * both orders. The epoch is cifar.bench.VugradBench's: the training pass (469 batches of 128) and the validation
 * pass, hidden 8, sigmoid, seed 1.
 *
 * <p>Usage (Java 17 runs a single source file): java scripts/bench/VugradAB.java A.jar B.jar PAIRS
 */
public class VugradAB {
  /** One jar's model and data, reached by reflection through the jar's own class loader. */
  static final class Side {
    final String jar;
    final Runnable epoch;
    final double[] millis;

    Side(String jar, int pairs) throws Exception {
      this.jar = jar;
      this.millis = new double[pairs];
      ClassLoader loader = new URLClassLoader(
          new URL[] {new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> synth = loader.loadClass("cifar.vugrad.data.Synth");
      Class<?> activation = loader.loadClass("cifar.vugrad.nn.Activation");
      Class<?> settingsClass = loader.loadClass("cifar.vugrad.train.TrainSettings");
      Class<?> trainerClass = loader.loadClass("cifar.vugrad.train.Trainer");
      Class<?> dataset = loader.loadClass("cifar.vugrad.data.Dataset");
      Class<?> module = loader.loadClass("cifar.vugrad.nn.Module");
      Class<?> split = loader.loadClass("cifar.vugrad.data.Split");
      Object data = synth.getMethod("load", long.class).invoke(null, 1L);
      @SuppressWarnings({"unchecked", "rawtypes"})
      Object sigmoid = Enum.valueOf((Class) activation, "SIGMOID");
      Object settings =
          settingsClass.getMethod("synthDefaults", activation, long.class).invoke(null, sigmoid, 1L);
      Object trainer = trainerClass.getConstructor(dataset, settingsClass).newInstance(data, settings);
      Method trainEpoch = trainerClass.getMethod("trainEpoch");
      Method accuracy = trainerClass.getMethod("accuracy", module, split);
      Object model = trainerClass.getMethod("model").invoke(trainer);
      Object validation = dataset.getMethod("validation").invoke(data);
      this.epoch = () -> {
        try {
          trainEpoch.invoke(trainer);
          accuracy.invoke(null, model, validation);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(jar + ": the epoch failed", e);
        }
      };
    }

    void time(int pair) {
      long start = System.nanoTime();
      epoch.run();
      millis[pair] = (System.nanoTime() - start) / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: java scripts/bench/VugradAB.java A.jar B.jar PAIRS");
      System.exit(2);
    }
    int pairs = Integer.parseInt(args[2]);
    Side a = new Side(args[0], pairs);
    Side b = new Side(args[1], pairs);
    for (int i = 0; i < 60; i++) {
      a.epoch.run();
      b.epoch.run();
    }
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      if (i % 2 == 0) {
        a.time(i);
        b.time(i);
      } else {
        b.time(i);
        a.time(i);
      }
      ratios[i] = a.millis[i] / b.millis[i];
    }
    for (Side side : new Side[] {a, b}) {
      double[] t = side.millis.clone();
      Arrays.sort(t);
      System.out.printf(Locale.ROOT, "%s: median %.2f ms, min %.2f ms%n", side.jar, t[pairs / 2], t[0]);
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "RESULT pairs=%d a_over_b_median=%.3f q1=%.3f q3=%.3f%n",
        pairs, ratios[pairs / 2], ratios[pairs / 4], ratios[3 * pairs / 4]);
  }
}
