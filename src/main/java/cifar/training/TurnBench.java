package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.model.BlitzNet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code train}'s training step timed by turns with another program: scripts/bench/lockstep.py
 * runs PyTorch's blitz loop (scripts/bench/blitz.py --lockstep) and this one in turns of the same
 * number of images, so that both meet the same spells of a machine whose speed swings within
 * minutes (rounds of whole epochs a minute apart put their ratio anywhere from 1.20 to 2.13).
 *
 * <p>After one untimed turn it prints {@code READY}; then for every line it reads it takes the
 * next turn's steps and prints {@code TURN <seconds>}, until its input ends. The steps are
 * train's: the same loop, the batches in the order train draws for the seed, epoch after epoch
 * (TurnBenchTest checks that the weights come out the same to the bit), each turn gathering its
 * images as train gathers its chunks, the logits kept for the epoch's score (which is not
 * computed) and the divergence check's host sync every {@value TrainingEpoch#CHECK_EVERY} steps.
 */
public final class TurnBench {
  private final DeviceSplit train;
  private final TrainingEpoch loop;
  private final NDManager manager;
  private final SplittableRandom shuffle;
  private final NDList kept = new NDList(); // the epoch's logits, as train keeps them for its score
  private NDManager epochScope;
  private NDArray order;
  private NDArray labels;
  private TrainingEpoch.Step step;
  private long next; // the first image of the epoch's order that the next step trains on
  private long steps; // steps taken, for train's divergence check every CHECK_EVERY steps

  /** Trains {@code loop} on {@code train} in the order that {@code seed} draws, as train does. */
  TurnBench(DeviceSplit train, TrainingEpoch loop, long seed, NDManager manager) {
    this.train = train;
    this.loop = loop;
    this.manager = manager;
    this.shuffle = new SplittableRandom(seed);
  }

  /**
   * Answers turns from {@code in} on {@code out} until {@code in} ends (see the class comment):
   * each turn is {@code turnImages / batch size} steps.
   */
  public static void run(CifarDataset data, RunConfig config, int turnImages, BufferedReader in,
      PrintWriter out) throws IOException {
    int steps = Math.max(1, turnImages / config.batchSize());
    try (NDManager manager = NDManager.newBaseManager()) {
      Block net = BlitzNet.build(config, manager);
      TurnBench bench = new TurnBench(DeviceSplit.upload(data.train(), manager),
          EpochLoop.direct(config, net, manager), config.seed(), manager);
      boolean wasRecording = Torch.recording(true);
      try {
        bench.turn(steps); // warm-up: oneDNN's primitives, the JIT
        out.println("READY");
        out.flush();
        while (in.readLine() != null) {
          long start = System.nanoTime();
          bench.turn(steps);
          out.printf(Locale.ROOT, "TURN %.6f%n", (System.nanoTime() - start) / 1e9);
          out.flush();
        }
      } finally {
        Torch.recording(wasRecording);
        bench.endEpoch();
      }
    }
  }

  /**
   * Takes the next {@code count} training steps: the epoch's batches in order, then a new epoch.
   * Autograd must be recording (as in {@link #run}).
   */
  void turn(int count) {
    int batch = loop.batchSize;
    for (int left = count; left > 0; ) {
      if (epochScope == null || next == train.size()) {
        startEpoch();
      }
      long end = Math.min(train.size(), next + (long) left * batch);
      try (NDManager turnScope = epochScope.newSubManager()) {
        // One gather for the turn's images (within one epoch), as train gathers its chunks.
        NDList turnData = TrainingEpoch.gather(train, order, labels, next, end, turnScope);
        NDArray x = turnData.get(0);
        NDArray y = turnData.get(1);
        for (long from = 0; from < end - next; from += batch) {
          try (NDManager scope = turnScope.newSubManager()) {
            step.run(x, y, from, Math.min(end - next, from + batch), scope, kept);
          }
          left--;
          if (++steps % TrainingEpoch.CHECK_EVERY == 0) {
            TrainingEpoch.allFinite(kept.get(kept.size() - 1)); // train's host sync, not acted on
          }
        }
      }
      next = end;
    }
  }

  private void startEpoch() {
    endEpoch();
    epochScope = manager.newSubManager();
    order = epochScope.create(TrainingEpoch.permutation(train.size(), shuffle));
    labels = train.labels.get(order);
    labels.attach(epochScope);
    step = loop.begin(epochScope, train.size());
    next = 0;
  }

  /** Frees the current epoch's order, labels and kept logits. */
  void endEpoch() {
    if (epochScope != null) {
      epochScope.close();
      kept.clear();
      epochScope = null;
    }
  }
}
