package cifar.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import cifar.data.CifarSplit;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DeviceSplitTest {
  @Test
  void imagesAreNormalisedToTheBitsOfLibtorchsOwnFloatOperations() {
    // Three images whose pixels run through every byte value, in a different order in each.
    int n = 3;
    byte[] pixels = new byte[n * CifarSplit.IMAGE_BYTES];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * (1 + 2 * (i / CifarSplit.IMAGE_BYTES)));
    }
    byte[] labels = {7, 0, 9};
    Shape shape = new Shape(n, CifarSplit.CHANNELS, CifarSplit.HEIGHT, CifarSplit.WIDTH);

    try (NDManager manager = NDManager.newBaseManager()) {
      DeviceSplit split = DeviceSplit.upload(new CifarSplit(pixels, labels), manager);

      // What torchvision's ToTensor and Normalize(0.5, 0.5) compute: x/255, then −0.5, then /0.5.
      ByteBuffer raw = ByteBuffer.allocateDirect(pixels.length).put(pixels).flip();
      NDArray expected = manager.create(raw, shape, DataType.UINT8)
          .toType(DataType.FLOAT32, false).div(255f).sub(0.5f).div(0.5f);
      assertEquals(shape, split.images.getShape());
      assertEquals(DataType.FLOAT32, split.images.getDataType());
      assertArrayEquals(bits(expected.toFloatArray()), bits(split.images.toFloatArray()));
      assertArrayEquals(new long[] {7, 0, 9}, split.labels.toLongArray());
      assertEquals(new Shape(n, 1), split.labels.getShape());
    }
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
