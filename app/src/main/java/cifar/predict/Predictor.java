package cifar.predict;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import cifar.data.CifarSplit;
import cifar.training.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies image files with a trained model, {@link #CHUNK} files at a time: each chunk is
 * decoded, resized and sent through the network as one batch, and its results are told before
 * the next chunk is read, so memory stays that of one chunk however many files there are. A
 * file that gives no image is told as a {@link Failure} and the others go on.
 */
public final class Predictor {
  /** Files decoded and classified together: a few MB of pixels, one forward pass. */
  static final int CHUNK = 256;

  /**
   * A file that could not be classified.
   *
   * @param file the file as named
   * @param problem why, e.g. "not a PNG or JPEG file"
   */
  public record Failure(String file, String problem) {}

  /** Told each outcome, in the order of the files. */
  public interface Listener {
    void predicted(Prediction p);

    void failed(Failure f);
  }

  private final TrainedModel model;
  private final int k;

  /** @param k how many classes to rank per image, 1 to 10 */
  public Predictor(TrainedModel model, int k) {
    this.model = model;
    this.k = k;
  }

  /** Classifies the images the paths name (files, or directories of PNG and JPEG files). */
  public void run(List<Path> paths, Listener listener) {
    List<ImageFiles.Input> inputs = ImageFiles.expand(paths);
    // Decoded pixels go through a CPU manager: images are read on the host whatever the device.
    try (NDManager host = NDManager.newBaseManager(Device.cpu())) {
      for (int from = 0; from < inputs.size(); from += CHUNK) {
        chunk(inputs.subList(from, Math.min(inputs.size(), from + CHUNK)), host, listener);
      }
    }
  }

  private void chunk(List<ImageFiles.Input> inputs, NDManager host, Listener listener) {
    List<Failure> failures = new ArrayList<>(); // per input: why it failed, or null
    List<byte[]> images = new ArrayList<>();
    for (ImageFiles.Input in : inputs) {
      String problem = in.problem();
      if (problem == null) {
        try (NDManager scope = host.newSubManager()) {
          images.add(ImageDecoder.read(in.file(), scope));
        } catch (ImageDecoder.Unreadable e) {
          problem = e.getMessage();
        }
      }
      failures.add(problem == null ? null : new Failure(in.file().toString(), problem));
    }
    float[][] logits = images.isEmpty() ? new float[0][] : model.logits(split(images));
    int next = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (failures.get(i) != null) {
        listener.failed(failures.get(i));
      } else {
        listener.predicted(Prediction.of(inputs.get(i).file().toString(), logits[next++], k));
      }
    }
  }

  /** The images as a split in CIFAR's layout; the labels are unknown and left 0. */
  private static CifarSplit split(List<byte[]> images) {
    byte[] pixels = new byte[images.size() * CifarSplit.IMAGE_BYTES];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, pixels, i * CifarSplit.IMAGE_BYTES, CifarSplit.IMAGE_BYTES);
    }
    return new CifarSplit(pixels, new byte[images.size()]);
  }
}
