package cifar.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import cifar.data.CifarSplit;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One CIFAR split held on the training device as two tensors, uploaded once per executor: the
 * images normalised to float32 N×3×32×32 (614 MB for the 50,000 training images) and the labels
 * as int64 N×1 (the shape {@code gather} wants). Batches are views into these, so a training
 * step never copies from the Java heap, and normalising happens once, not once per epoch (which
 * cost about 1 s per 50,000 images on these 2 cores: four passes over 614 MB).
 */
final class DeviceSplit {
  final NDArray images;
  final NDArray labels;
  final byte[] hostLabels;

  private DeviceSplit(NDArray images, NDArray labels, byte[] hostLabels) {
    this.images = images;
    this.labels = labels;
    this.hostLabels = hostLabels;
  }

  static DeviceSplit upload(CifarSplit split, NDManager manager) {
    int n = split.size();
    ByteBuffer pixels = ByteBuffer.allocateDirect(split.pixels().length);
    pixels.put(split.pixels()).flip();
    NDArray images;
    try (NDArray raw = manager.create(pixels, new Shape(n, CifarSplit.CHANNELS,
        CifarSplit.HEIGHT, CifarSplit.WIDTH), DataType.UINT8)) {
      images = normalise(raw);
    }
    long[] labels = new long[n];
    for (int i = 0; i < n; i++) {
      labels[i] = split.labels()[i];
    }
    return new DeviceSplit(images, manager.create(labels, new Shape(n, 1)), split.labels());
  }

  int size() {
    return hostLabels.length;
  }

  /** The first {@code n} images (all when n is 0 or too large), as views attached to {@code manager}. */
  DeviceSplit limit(int n, NDManager manager) {
    int size = n <= 0 || n >= size() ? size() : n;
    NDArray i = Torch.rows(images, 0, size);
    NDArray l = Torch.rows(labels, 0, size);
    i.attach(manager);
    l.attach(manager);
    return new DeviceSplit(i, l, Arrays.copyOf(hostLabels, size));
  }

  /**
   * The images as float32, normalised like torchvision's {@code ToTensor} then {@code
   * Normalize(0.5, 0.5)}: {@code (x/255 − 0.5)/0.5}, in the same order of float operations.
   * Done for a whole split at once, so per step there is nothing left to convert.
   */
  private static NDArray normalise(NDArray uint8) {
    try (NDArray f = uint8.toType(DataType.FLOAT32, false);
        NDArray scaled = f.div(255f);
        NDArray centred = scaled.sub(0.5f)) {
      return centred.div(0.5f);
    }
  }
}
