package cifar.predict;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a PNG or JPEG file into the network's input with DJL's {@link ImageFactory}: decoded to
 * 8-bit RGB (alpha dropped, grey replicated, as Pillow's {@code convert("RGB")}), then resized
 * to 32×32 as torchvision does ({@link TorchvisionResize}).
 *
 * <p>The file's first bytes decide whether it is a PNG or JPEG, not its name: a text file named
 * {@code cat.png} is "not a PNG or JPEG file", a truncated PNG is one "DJL cannot decode".
 */
final class ImageDecoder {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

  /** Why a file gave no image, in words that fit after its name on one line. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  private ImageDecoder() {}

  /**
   * @param manager where DJL puts the decoded pixels for the moment of copying them out
   * @return the image as 3072 bytes in CIFAR's layout (CHW)
   */
  static byte[] read(Path file, NDManager manager) throws Unreadable {
    String kind = kind(file);
    Image image;
    try {
      image = ImageFactory.getInstance().fromFile(file);
    } catch (IOException | RuntimeException e) {
      throw new Unreadable("a " + kind + " file that DJL cannot decode (" + e.getMessage() + ")");
    }
    byte[] rgb;
    try (NDArray pixels = image.toNDArray(manager, Image.Flag.COLOR)) {
      rgb = pixels.toByteArray(); // height × width × 3
    }
    return TorchvisionResize.toCifar(rgb, image.getWidth(), image.getHeight());
  }

  /** "PNG" or "JPEG" from the file's signature. */
  private static String kind(Path file) throws Unreadable {
    byte[] head = new byte[PNG.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new Unreadable("cannot be read (" + e.getMessage() + ")");
    }
    if (n == PNG.length && Arrays.equals(head, PNG)) {
      return "PNG";
    }
    if (n >= JPEG.length && Arrays.equals(head, 0, JPEG.length, JPEG, 0, JPEG.length)) {
      return "JPEG";
    }
    throw new Unreadable(n == 0 ? "an empty file, not an image" : "not a PNG or JPEG file");
  }
}
