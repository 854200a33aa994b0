package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import cifar.data.CifarSplit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One CIFAR split held on the training device as two tensors, uploaded once per executor: the
 * images normalised to float32 N×3×32×32 (614 MB for the 50,000 training images) and the labels
 * as int64 N×1 (the shape {@code gather} wants). An epoch gathers its batches from these on the
 * device ({@link TrainingEpoch}), so a training step never copies from the Java heap, and
 * normalising happens once per upload, not once per epoch.
 */
public final class DeviceSplit {
  /** What {@link #normalise} maps each byte value to. */
  private static final float[] NORMALISED = new float[256];

  static {
    for (int v = 0; v < NORMALISED.length; v++) {
      NORMALISED[v] = (v / 255f - 0.5f) / 0.5f;
    }
  }

  final NDArray images;
  final NDArray labels;
  final byte[] hostLabels;

  private DeviceSplit(NDArray images, NDArray labels, byte[] hostLabels) {
    this.images = images;
    this.labels = labels;
    this.hostLabels = hostLabels;
  }

  /** Uploads {@code split} into {@code manager}, on its device. */
  public static DeviceSplit upload(CifarSplit split, NDManager manager) {
    int n = split.size();
    NDArray images = manager.create(normalise(split.pixels()), new Shape(n, CifarSplit.CHANNELS,
        CifarSplit.HEIGHT, CifarSplit.WIDTH), DataType.FLOAT32);
    long[] labels = new long[n];
    for (int i = 0; i < n; i++) {
      labels[i] = split.labels()[i];
    }
    return new DeviceSplit(images, manager.create(labels, new Shape(n, 1)), split.labels());
  }

  /** Images in the split. */
  public int size() {
    return hostLabels.length;
  }

  /** The first {@code n} images (all when n is 0 or too large), as views attached to {@code manager}. */
  public DeviceSplit limit(int n, NDManager manager) {
    return rows(0, n <= 0 || n >= size() ? size() : n, manager);
  }

  /** Images {@code from} to {@code to} (exclusive), as views attached to {@code manager}. */
  DeviceSplit rows(int from, int to, NDManager manager) {
    NDArray i = Torch.rows(images, from, to);
    NDArray l = Torch.rows(labels, from, to);
    i.attach(manager);
    l.attach(manager);
    return new DeviceSplit(i, l, Arrays.copyOfRange(hostLabels, from, to));
  }

  /**
   * The images as float32, normalised like torchvision's {@code ToTensor} then {@code
   * Normalize(0.5, 0.5)}: {@code (x/255 − 0.5)/0.5}, with the same float32 operations in the
   * same order, so the same bits. A pixel has only 256 values, so each is computed once here and
   * looked up: libtorch's four passes over the whole split (to float, divide, subtract, divide)
   * took about 8 s of a run's start on one thread, the look-ups take a fraction of a second.
   */
  private static ByteBuffer normalise(byte[] pixels) {
    ByteBuffer bytes = ByteBuffer.allocateDirect(Math.multiplyExact(pixels.length, Float.BYTES))
        .order(ByteOrder.nativeOrder());
    FloatBuffer out = bytes.asFloatBuffer();
    float[] image = new float[CifarSplit.IMAGE_BYTES];
    for (int from = 0; from < pixels.length; from += image.length) {
      for (int i = 0; i < image.length; i++) {
        image[i] = NORMALISED[pixels[from + i] & 0xff];
      }
      out.put(image);
    }
    return bytes; // a direct buffer: libtorch uses its memory in place, DJL keeps it alive
  }
}
