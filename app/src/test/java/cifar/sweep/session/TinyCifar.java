package cifar.sweep.session;

import cifar.data.CifarSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A tiny CIFAR-10 in the official binary layout that a CNN learns in an epoch or two: each class
 * is one flat colour with noise. For end-to-end tests of the sweep on the real trainer.
 */
public final class TinyCifar {
  private TinyCifar() {}

  /** Writes data_batch_1..5.bin with {@code perBatch} images each and test_batch.bin. */
  public static Path write(Path dir, int perBatch, int test) throws IOException {
    Files.createDirectories(dir);
    for (int b = 1; b <= 5; b++) {
      Files.write(dir.resolve("data_batch_" + b + ".bin"), records(perBatch, b));
    }
    Files.write(dir.resolve("test_batch.bin"), records(test, 99));
    return dir;
  }

  private static byte[] records(int n, long seed) {
    Random random = new Random(seed);
    byte[] out = new byte[n * CifarSplit.RECORD_BYTES];
    int plane = CifarSplit.HEIGHT * CifarSplit.WIDTH;
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(10);
      int base = i * CifarSplit.RECORD_BYTES;
      out[base] = (byte) label;
      for (int c = 0; c < 3; c++) {
        // three levels per channel give ten distinct colours for the ten labels
        int level = 40 + 85 * ((label / (c == 0 ? 1 : c == 1 ? 3 : 9)) % 3);
        for (int p = 0; p < plane; p++) {
          int v = level + (int) (random.nextGaussian() * 25);
          out[base + 1 + c * plane + p] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
    return out;
  }
}
