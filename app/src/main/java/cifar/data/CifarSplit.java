package cifar.data;

import java.util.Arrays;

/**
 * One split of CIFAR-10 (train or test) held in memory once, as the raw bytes of the official
 * binary layout: no decoding happens after loading, and an epoch never touches the disk.
 *
 * <p>Pixels are stored image after image, each image as 3072 bytes in CHW order (the red plane,
 * then green, then blue, each 32×32 row-major), exactly as in the {@code .bin} files. Labels are
 * 0..9 in the class order of {@link #CLASSES}.
 *
 * @param pixels {@code size() * 3072} unsigned bytes
 * @param labels {@code size()} labels, each 0..9
 */
public record CifarSplit(byte[] pixels, byte[] labels) {
  public static final int CHANNELS = 3;
  public static final int HEIGHT = 32;
  public static final int WIDTH = 32;
  public static final int IMAGE_BYTES = CHANNELS * HEIGHT * WIDTH;
  public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
  public static final String[] CLASSES = {
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"
  };

  public CifarSplit {
    if (pixels.length != labels.length * IMAGE_BYTES) {
      throw new IllegalArgumentException(
          pixels.length + " pixel bytes do not make " + labels.length + " images");
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /**
   * The first {@code n} images (all of them when n is 0 or at least the size), for {@code
   * --train-limit} and {@code --test-limit}. No copy when all; otherwise one copy of n records
   * (about 15 ms for 50,000 images), so apply it once per run, not per epoch.
   */
  public CifarSplit limit(int n) {
    if (n <= 0 || n >= size()) {
      return this;
    }
    return new CifarSplit(
        Arrays.copyOf(pixels, n * IMAGE_BYTES), Arrays.copyOf(labels, n));
  }
}
