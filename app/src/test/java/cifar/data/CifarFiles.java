package cifar.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small generated files in the official CIFAR-10 binary layout, for tests. */
final class CifarFiles {
  private CifarFiles() {}

  /**
   * A split of {@code n} images whose labels and pixels depend on {@code seed}, so splits made
   * with different seeds differ and every byte value 0..255 occurs.
   */
  static CifarSplit split(int n, int seed) {
    byte[] labels = new byte[n];
    byte[] pixels = new byte[n * CifarSplit.IMAGE_BYTES];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) ((i + seed) % 10);
      for (int j = 0; j < CifarSplit.IMAGE_BYTES; j++) {
        pixels[i * CifarSplit.IMAGE_BYTES + j] = (byte) (j * 7 + i * 13 + seed * 31);
      }
    }
    return new CifarSplit(pixels, labels);
  }

  /** The split as the bytes of a {@code .bin} file: label byte, then 3072 pixel bytes. */
  static byte[] bytes(CifarSplit split) {
    byte[] out = new byte[split.size() * CifarSplit.RECORD_BYTES];
    for (int i = 0; i < split.size(); i++) {
      out[i * CifarSplit.RECORD_BYTES] = split.labels()[i];
      System.arraycopy(
          split.pixels(),
          i * CifarSplit.IMAGE_BYTES,
          out,
          i * CifarSplit.RECORD_BYTES + 1,
          CifarSplit.IMAGE_BYTES);
    }
    return out;
  }

  /** Two records per training batch (ten in all, seeds 1..5) and three test records (seed 9). */
  static void writeDataSet(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int b = 1; b <= 5; b++) {
      Files.write(dir.resolve("data_batch_" + b + ".bin"), bytes(split(2, b)));
    }
    Files.write(dir.resolve("test_batch.bin"), bytes(split(3, 9)));
  }

  /** The training split that {@link #writeDataSet} writes, as one split. */
  static CifarSplit expectedTrain() {
    byte[] pixels = new byte[10 * CifarSplit.IMAGE_BYTES];
    byte[] labels = new byte[10];
    for (int b = 1; b <= 5; b++) {
      CifarSplit part = split(2, b);
      System.arraycopy(part.pixels(), 0, pixels, (b - 1) * 2 * CifarSplit.IMAGE_BYTES,
          part.pixels().length);
      System.arraycopy(part.labels(), 0, labels, (b - 1) * 2, 2);
    }
    return new CifarSplit(pixels, labels);
  }
}
