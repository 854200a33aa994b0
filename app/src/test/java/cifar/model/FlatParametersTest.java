package cifar.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FlatParameters#copyOf}: copies end to end, each a view of the one buffer. */
class FlatParametersTest {
  @Test
  void oneValueIsCopiedIntoABufferItsViewReads() {
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      NDArray value = m.arange(6f).reshape(2, 3);
      FlatParameters flat = FlatParameters.copyOf(List.of(value), m);
      assertEquals(new Shape(6), flat.buffer().getShape());
      assertEquals(new Shape(2, 3), flat.views().get(0).getShape());
      subtractOne(flat.buffer());
      assertArrayEquals(new float[] {-1, 0, 1, 2, 3, 4}, flat.views().get(0).toFloatArray());
      assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, value.toFloatArray(), "a copy, not an alias");
    }
  }

  @Test
  void severalValuesLieEndToEnd() {
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      FlatParameters flat = FlatParameters.copyOf(List.of(m.create(new float[] {1, 2}),
          m.create(new float[] {3, 4, 5, 6}, new Shape(2, 2)), m.create(new float[] {7})), m);
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7}, flat.buffer().toFloatArray());
      subtractOne(flat.buffer());
      assertArrayEquals(new float[] {2, 3, 4, 5}, flat.views().get(1).toFloatArray());
      assertEquals(new Shape(2, 2), flat.views().get(1).getShape());
      assertArrayEquals(new float[] {6}, flat.views().get(2).toFloatArray());
    }
  }

  private static void subtractOne(NDArray buffer) {
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    buffer.subi(1f);
    JniUtils.setGradMode(was);
  }
}
