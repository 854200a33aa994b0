package cifar.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import cifar.UserError;
import cifar.config.RunConfig;
import cifar.data.CifarDataset;
import cifar.data.CifarSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The validation split is the last N training images, the same for every run, and a run never
 * trains on them: checked on the rows each split holds, and on what a trained net has learnt.
 */
class HeldOutTest {
  /** Twenty images, image i filled with the byte value i, so a row tells which image it is. */
  private static CifarSplit numbered(int n) {
    byte[] pixels = new byte[n * CifarSplit.IMAGE_BYTES];
    for (int i = 0; i < n; i++) {
      Arrays.fill(pixels, i * CifarSplit.IMAGE_BYTES, (i + 1) * CifarSplit.IMAGE_BYTES, (byte) i);
    }
    return new CifarSplit(pixels, new byte[n]);
  }

  /** Which uploaded images a split holds, read back from their normalised pixels. */
  private static List<Integer> images(DeviceSplit s) {
    float[] v = s.images.toFloatArray();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      out.add(Math.round((v[i * CifarSplit.IMAGE_BYTES] * 0.5f + 0.5f) * 255f));
    }
    return out;
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  @Test
  void theLastImagesAreHeldOutWhateverTheTrainLimit() {
    try (NDManager m = NDManager.newBaseManager()) {
      DeviceSplit all = DeviceSplit.upload(numbered(20), m);
      HeldOut five = HeldOut.of(all, RunConfig.baseline().with("validation", 5), m);
      assertEquals(range(0, 15), images(five.train()));
      assertEquals(range(15, 20), images(five.validation()));

      HeldOut limited = HeldOut.of(all, RunConfig.baseline().with("validation", 5)
          .with("train_limit", 8), m);
      assertEquals(range(0, 8), images(limited.train()));
      assertEquals(range(15, 20), images(limited.validation()), "the same images for every run");

      HeldOut tooMany = HeldOut.of(all, RunConfig.baseline().with("validation", 5)
          .with("train_limit", 100), m);
      assertEquals(range(0, 15), images(tooMany.train()), "a limit never reaches into them");

      HeldOut none = HeldOut.of(all, RunConfig.baseline(), m);
      assertEquals(range(0, 20), images(none.train()), "no split: today's behaviour");
      assertNull(none.validation());

      UserError e = assertThrows(UserError.class,
          () -> HeldOut.of(all, RunConfig.baseline().with("validation", 20), m));
      assertTrue(e.getMessage().contains("20 images held out of 20"), e.getMessage());
    }
  }

  /**
   * 500 training images of classes 0..8, then 100 of class 9 (a colour of its own). Held out,
   * class 9 is never seen, so the net never predicts it and scores about 0 on the held-out
   * images; trained on half of them, it learns the colour and scores high on the other half.
   */
  @Test
  void aNetNeverLearnsTheHeldOutImages() {
    CifarSplit source = ColourData.split(2000, 1);
    List<Integer> others = new ArrayList<>();
    List<Integer> nines = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      (source.labels()[i] == 9 ? nines : others).add(i);
    }
    List<Integer> order = new ArrayList<>(others.subList(0, 500));
    order.addAll(nines.subList(0, 100));
    CifarSplit train = pick(source, order);
    try (CnnRunExecutor executor = new CnnRunExecutor(
        new CifarDataset(train, ColourData.split(100, 2)),
        new ExecutionOptions("cpu", 1, TrainingProgress.NONE))) {
      RunConfig c = RunConfig.baseline().with("epochs", 2).with("lr", 0.003);
      RunResult heldOut = executor.execute(c.with("validation", 100), m -> {});
      assertEquals(RunStatus.OK, heldOut.status(), heldOut.error());
      assertEquals(2, heldOut.epochs().size());
      assertTrue(heldOut.epochs().stream().allMatch(m -> m.validationAccuracy() != null));
      assertTrue(heldOut.validationAccuracy() < 0.05,
          "class 9 was never trained on: " + heldOut.validationAccuracy());

      RunResult halfSeen = executor.execute(c.with("validation", 50), m -> {});
      assertTrue(halfSeen.validationAccuracy() > 0.8,
          "trained on the other 50 of class 9: " + halfSeen.validationAccuracy());

      RunResult plain = executor.execute(c.with("epochs", 1), m -> {});
      assertNull(plain.validationAccuracy(), "no split asked for, none evaluated");
    }
  }

  private static CifarSplit pick(CifarSplit s, List<Integer> rows) {
    byte[] pixels = new byte[rows.size() * CifarSplit.IMAGE_BYTES];
    byte[] labels = new byte[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(s.pixels(), rows.get(i) * CifarSplit.IMAGE_BYTES, pixels,
          i * CifarSplit.IMAGE_BYTES, CifarSplit.IMAGE_BYTES);
      labels[i] = s.labels()[rows.get(i)];
    }
    return new CifarSplit(pixels, labels);
  }
}
