package cifar.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real arithmetic of data-parallel training on a tiny DJL model (CPU): each "device" is a
 * slice whose gradient is computed on its own, and the slices' gradients are added, as DJL's
 * LocalParameterServer adds the gradients of its devices.
 */
class DataParallelTest {

  private static final int BATCH = 6;
  private static final int FEATURES = 4;
  private static final int CLASSES = 3;

  private NDManager manager;
  private SequentialBlock model;
  private NDArray x;
  private NDArray y;

  @BeforeEach
  void tinyModelAndBatch() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(7);
    model = new SequentialBlock()
        .add(Linear.builder().setUnits(5).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(CLASSES).build());
    model.initialize(manager, DataType.FLOAT32, new Shape(BATCH, FEATURES));
    Random random = new Random(3);
    float[] inputs = new float[BATCH * FEATURES];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = (float) random.nextGaussian();
    }
    x = manager.create(inputs, new Shape(BATCH, FEATURES));
    y = manager.create(new float[] {0, 2, 1, 1, 0, 2});
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void scaledSlicesOnTwoDevicesGiveTheFullBatchGradient() {
    float[] full = gradient(0, BATCH, 1f);
    float[] evenSplit = add(gradient(0, 3, scale(3)), gradient(3, BATCH, scale(3)));
    float[] unevenSplit = add(gradient(0, 4, scale(4)), gradient(4, BATCH, scale(2)));
    assertClose(full, evenSplit, 1e-6);
    assertClose(full, unevenSplit, 1e-6);
  }

  @Test
  void unscaledSlicesTakeTwiceTheStep() {
    float[] full = gradient(0, BATCH, 1f);
    float[] summed = add(gradient(0, 3, 1f), gradient(3, BATCH, 1f));
    // What DJL does without the scale: two devices, twice the full batch's gradient.
    assertClose(times(2f, full), summed, 1e-6);
    assertTrue(maxAbsDifference(full, summed) > 1e-3, "unscaled sum must differ from full");
  }

  @Test
  void oneDeviceIsLeftAsItIs() {
    assertEquals(1f, DataParallel.lossScale(BATCH, BATCH));
    NDArray loss = manager.create(0.5f);
    assertTrue(loss == DataParallel.scaledLoss(loss, BATCH, BATCH));
    assertEquals(0.25f, DataParallel.scaledLoss(loss, 3, BATCH).getFloat(), 1e-7);
  }

  @Test
  void impossibleSlicesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> DataParallel.lossScale(0, 4));
    assertThrows(IllegalArgumentException.class, () -> DataParallel.lossScale(5, 4));
  }

  private static float scale(int sliceSize) {
    return DataParallel.lossScale(sliceSize, BATCH);
  }

  /** Gradient of scale × (mean loss over rows from..to) for all parameters, as one vector. */
  private float[] gradient(int from, int to, float scale) {
    NDArray xs = x.get(from + ":" + to);
    NDArray ys = y.get(from + ":" + to);
    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
      NDList out = model.forward(new ParameterStore(manager, false), new NDList(xs), true);
      NDArray mean = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(ys), out);
      NDArray loss = scale == 1f ? mean : DataParallel.scaledLoss(mean, to - from, BATCH);
      collector.backward(loss);
    }
    List<Float> values = new ArrayList<>();
    for (Pair<String, Parameter> p : model.getParameters()) {
      NDArray grad = p.getValue().getArray().getGradient();
      for (float v : grad.toFloatArray()) {
        values.add(v);
      }
      grad.muli(0); // PyTorch accumulates gradients: clear them for the next "device"
    }
    float[] result = new float[values.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.get(i);
    }
    return result;
  }

  private static float[] add(float[] a, float[] b) {
    float[] sum = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  private static float[] times(float k, float[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = k * a[i];
    }
    return out;
  }

  private static double maxAbsDifference(float[] a, float[] b) {
    assertEquals(a.length, b.length, "gradient vector lengths");
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance) {
    double diff = maxAbsDifference(expected, actual);
    assertTrue(diff <= tolerance, "max |difference| " + diff + " > " + tolerance);
  }
}
