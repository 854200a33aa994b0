package cifar.engine;

import ai.djl.ndarray.NDArray;

/**
 * Makes data-parallel training on K devices take the same step as one device with the same
 * global batch and learning rate.
 *
 * <p>Why a correction is needed: DJL splits a batch of N into one slice per device, each device
 * computes the mean loss over its own n_k examples and its own gradient, and then
 * {@code LocalParameterServer.update} <em>adds</em> the K gradients before the optimizer step.
 * The sum of K slice means is not the mean over the batch: with even slices it is K times it,
 * so K GPUs would silently train with K times the learning rate.
 *
 * <p>The fix is one multiplication per slice: scale slice k's mean loss by n_k / N. Then the
 * summed gradient is the sum over k of (n_k / N) times the mean over slice k, which is the sum
 * over all N examples divided by N: exactly the full batch's mean-loss gradient, also when the
 * last slice is shorter. On one device n_k = N and the scale is 1, so a trainer can always apply
 * it.
 *
 * <p>Use in a training step (instead of {@code EasyTrain.trainBatch}, which does not scale):
 *
 * <pre>{@code
 * Batch[] slices = batch.split(trainer.getDevices(), false);
 * try (GradientCollector collector = trainer.newGradientCollector()) {
 *   for (Batch slice : slices) {
 *     NDList out = trainer.forward(slice.getData(), slice.getLabels());
 *     NDArray loss = trainer.getLoss().evaluate(slice.getLabels(), out);
 *     collector.backward(DataParallel.scaledLoss(loss, slice.getSize(), batch.getSize()));
 *   }
 * }
 * trainer.step();
 * }</pre>
 *
 * Loss values shown to the user should stay the unscaled slice means (weighted by n_k / N when
 * averaged), so logs read the same on one or many devices.
 */
public final class DataParallel {

  private DataParallel() {}

  /**
   * The factor n_k / N for a slice of {@code sliceSize} examples out of a global batch of
   * {@code globalBatch}.
   *
   * @throws IllegalArgumentException unless 1 &lt;= sliceSize &lt;= globalBatch
   */
  public static float lossScale(long sliceSize, long globalBatch) {
    if (sliceSize < 1 || sliceSize > globalBatch) {
      throw new IllegalArgumentException(
          "slice size " + sliceSize + " must be between 1 and the global batch " + globalBatch);
    }
    return (float) ((double) sliceSize / globalBatch);
  }

  /**
   * The slice's mean loss scaled by {@link #lossScale}, ready for {@code backward}: summed over
   * devices, its gradients equal those of the mean loss over the global batch.
   */
  public static NDArray scaledLoss(NDArray sliceLossMean, long sliceSize, long globalBatch) {
    float scale = lossScale(sliceSize, globalBatch);
    return scale == 1f ? sliceLossMean : sliceLossMean.mul(scale);
  }
}
