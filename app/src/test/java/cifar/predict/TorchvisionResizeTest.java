package cifar.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDManager;
import cifar.data.CifarSplit;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resizing matches Pillow's {@code resize((32, 32), BILINEAR)}, which torchvision's {@code
 * Resize((32, 32))} calls, to the byte: the reference outputs were made by Pillow 9.4
 * (make_resize_references.py beside them), for shrinking, enlarging, one axis only and a photo
 * size.
 */
class TorchvisionResizeTest {
  @ParameterizedTest
  @ValueSource(strings = {"50x40", "20x13", "97x32", "32x70", "3x5", "640x480"})
  void resizesAsPillowDoes(String size) throws Exception {
    byte[] ours;
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      ours = ImageDecoder.read(resource("in-" + size + ".png"), manager);
    }
    byte[] pillow = cifarBytes(ImageIO.read(resource("out-" + size + ".png").toFile()));
    int plane = CifarSplit.WIDTH * CifarSplit.HEIGHT;
    for (int i = 0; i < pillow.length; i++) {
      if (ours[i] != pillow[i]) {
        fail(String.format("%s: channel %d, pixel (%d, %d): ours %d, Pillow's %d", size,
            i / plane, i % plane % 32, i % plane / 32, ours[i] & 0xff, pillow[i] & 0xff));
      }
    }
    assertEquals(CifarSplit.IMAGE_BYTES, ours.length);
  }

  /** A 32×32 image as CIFAR's CHW bytes, read with ImageIO alone. */
  private static byte[] cifarBytes(BufferedImage img) {
    byte[] out = new byte[CifarSplit.IMAGE_BYTES];
    int plane = CifarSplit.WIDTH * CifarSplit.HEIGHT;
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int rgb = img.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          out[c * plane + y * 32 + x] = (byte) (rgb >> (16 - 8 * c));
        }
      }
    }
    return out;
  }

  private static Path resource(String name) throws URISyntaxException {
    var url = TorchvisionResizeTest.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return Path.of(url.toURI());
  }
}
