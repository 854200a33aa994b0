package cifar.bench;

import ai.djl.ndarray.NDManager;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.model.BlitzNet;
import cifar.training.DeviceSplit;
import cifar.training.EpochCursor;
import cifar.training.EpochLoop;
import cifar.training.TrainingEpoch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code train}'s training step timed by turns with another program: scripts/bench/lockstep.py
 * runs PyTorch's blitz loop (scripts/bench/blitz.py --lockstep) and this one in turns of the same
 * number of images, so that both meet the same spells of a machine whose speed swings within
 * minutes.
 *
 * <p>After one untimed turn it prints {@code READY}; then for every line it reads it takes the
 * next turn's steps and prints {@code TURN <seconds>}, until its input ends. The steps are
 * train's, taken through train's own {@link EpochCursor}: the batches in the order train draws
 * for the seed, epoch after epoch (TurnBenchTest checks that the weights come out the same to the
 * bit), gathered in train's chunks, the logits kept for the epoch's score and the divergence
 * check's host sync. An epoch's score is not computed: a new epoch starts when one runs out.
 */
public final class TurnBench implements AutoCloseable {
  private final EpochCursor cursor;
  private boolean started;

  /** Trains {@code loop} on {@code train} in the order that {@code seed} draws, as train does. */
  TurnBench(DeviceSplit train, TrainingEpoch loop, long seed, NDManager manager) {
    this.cursor = new EpochCursor(loop, train, new SplittableRandom(seed), manager);
  }

  /**
   * Answers turns from {@code in} on {@code out} until {@code in} ends (see the class comment):
   * each turn is {@code turnImages / batch size} steps.
   */
  public static void run(CifarDataset data, RunConfig config, int turnImages, BufferedReader in,
      PrintWriter out) throws IOException {
    int steps = Math.max(1, turnImages / config.batchSize());
    try (NDManager manager = NDManager.newBaseManager()) {
      BlitzNet.Net net = BlitzNet.build(config, manager);
      try (TurnBench bench = new TurnBench(DeviceSplit.upload(data.train(), manager),
          EpochLoop.direct(config, net, manager), config.seed(), manager)) {
        bench.turn(steps); // warm-up: oneDNN's primitives, the JIT
        out.println("READY");
        out.flush();
        while (in.readLine() != null) {
          long start = System.nanoTime();
          bench.turn(steps);
          out.printf(Locale.ROOT, "TURN %.6f%n", (System.nanoTime() - start) / 1e9);
          out.flush();
        }
      }
    }
  }

  /** Takes the next {@code count} training steps: the epoch's batches in order, then a new epoch. */
  void turn(long count) {
    for (long left = count; left > 0; ) {
      if (!started || cursor.done()) {
        cursor.discard();
        cursor.start();
        started = true;
      }
      left -= cursor.steps(left);
    }
  }

  /** Frees the current epoch's order, labels and kept logits. */
  @Override
  public void close() {
    cursor.close();
  }
}
