package cifar.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import cifar.config.RunConfig;
import cifar.engine.DataParallel;
import cifar.model.BlitzNet;
import cifar.model.FlatParameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One epoch of data-parallel training on K devices that takes the same steps as {@link EpochLoop}
 * on one device with the same global batch and learning rate.
 *
 * <p>K replicas of the network start from the same parameters (replica 0's, copied). Each step
 * cuts the batch of N into K slices as DJL's {@code Batch.split} does (⌈N/K⌉ each, the last
 * shorter, none when the batch is too small to reach a replica), runs forward and backward on
 * each replica with its slice, adds the replicas' gradients into replica 0's, lets {@link
 * MomentumSgd} update replica 0 and copies its parameters back to the others.
 *
 * <p>Why the sum of the replicas' gradients is the full batch's: slice k back-propagates its mean
 * loss scaled by n_k / N ({@link DataParallel#lossScale}), so each of its examples contributes
 * −lr/N to the gradient of its picked log-probability, exactly as in the one-device step. Without
 * the scale each replica would average over its own n_k and K replicas would take about K times
 * the step. Each replica draws its dropout masks from a stream of its own ({@link
 * BlitzNet#build(RunConfig, NDManager, int)}), so with dropout the replicas' steps are equally
 * valid but not the same numbers as on one device.
 *
 * <p>The replicas run one after the other from this thread. On GPUs the kernels are queued
 * asynchronously, so devices can overlap, but how much has not been measured: this class was
 * tested with CPU replicas only.
 */
final class ReplicatedEpochLoop extends TrainingEpoch {
  private final List<Replica> replicas;
  private final MomentumSgd sgd;

  /** One copy of the network on one device, with its parameters and (after the first backward) their gradients. */
  private static final class Replica {
    final Device device;
    final NDManager manager;
    final DirectForward net;
    final NDArray[] weights;
    NDArray[] grads;

    Replica(NDManager manager, DirectForward net, NDArray[] weights) {
      this.device = manager.getDevice();
      this.manager = manager;
      this.net = net;
      this.weights = weights;
    }

    /** The gradient tensors libtorch accumulates into, fetched once after the first backward. */
    NDArray[] grads() {
      if (grads == null) {
        grads = new NDArray[weights.length];
        for (int i = 0; i < weights.length; i++) {
          grads[i] = Torch.gradient(weights[i]);
          grads[i].attach(manager);
        }
      }
      return grads;
    }
  }

  private ReplicatedEpochLoop(List<Replica> replicas, MomentumSgd sgd, int batchSize) {
    super(batchSize);
    this.replicas = replicas;
    this.sgd = sgd;
  }

  /**
   * Replicates {@code net} (on {@code devices.get(0)}, the device of {@code run}) to the other
   * devices. Each replica trains with a {@link DirectForward} of its own net.
   *
   * @param run the run's manager; the replicas live in sub-managers of it on their devices
   */
  static ReplicatedEpochLoop create(BlitzNet.Net net, RunConfig config, List<Device> devices,
      NDManager run) {
    FlatParameters flat = EpochLoop.flatParameters(net);
    List<Replica> replicas = new ArrayList<>();
    NDArray[] first = flat.views().toArray(new NDArray[0]);
    replicas.add(new Replica(run, new DirectForward(config, net), first));
    for (int k = 1; k < devices.size(); k++) {
      NDManager manager = run.newSubManager(devices.get(k));
      Block copy = BlitzNet.build(config, manager, k);
      NDArray[] w = copy.getParameters().values().stream().map(p -> p.getArray())
          .toArray(NDArray[]::new);
      replicas.add(new Replica(manager, new DirectForward(config, copy), w));
    }
    MomentumSgd sgd =
        new MomentumSgd(List.of(flat), config.learningRate(), config.momentum(), run);
    ReplicatedEpochLoop loop = new ReplicatedEpochLoop(List.copyOf(replicas), sgd, config.batchSize());
    loop.broadcast(); // equal by construction from the seed; copied so that it never depends on it
    return loop;
  }

  @Override
  MomentumSgd optimizer() {
    return sgd;
  }

  @Override
  Step begin(NDManager epochScope, long n) {
    // Per replica: a scope on its device for this epoch's constants, and those constants by
    // slice and batch size (a full step and the shorter last one need different ones).
    List<NDManager> scopes = new ArrayList<>();
    List<Map<Long, NDArray>> outputGradients = new ArrayList<>();
    for (Replica r : replicas) {
      scopes.add(epochScope.newSubManager(r.device));
      outputGradients.add(new HashMap<>());
    }
    return (x, y, from, to, scope, kept) -> {
      int used = step(x, y, from, to, scope, epochScope, scopes, outputGradients, kept);
      Torch.recording(false); // in-place updates of parameters only without autograd
      sumGradientsIntoFirst(used);
      sgd.step();
      broadcast();
      Torch.recording(true);
    };
  }

  /**
   * Forward and backward of rows {@code from..to} of {@code x}, one slice per replica; keeps the
   * logits (on the first device, in batch order).
   *
   * @return how many replicas got a slice
   */
  private int step(NDArray x, NDArray y, long from, long to, NDManager step, NDManager epochScope,
      List<NDManager> scopes, List<Map<Long, NDArray>> outputGradients, NDList kept) {
    long global = to - from;
    long per = (global + replicas.size() - 1) / replicas.size();
    int used = 0;
    for (long s = from; s < to; s += per, used++) {
      long e = Math.min(to, s + per);
      Replica r = replicas.get(used);
      NDArray xb = onDevice(Torch.rows(x, s, e), r.device, step, step);
      NDArray yb = onDevice(Torch.rows(y, s, e), r.device, step, step);
      NDArray logits = r.net.apply(xb);
      NDArray picked = logits.logSoftmax(1).gather(yb, 1);
      long slice = e - s;
      NDManager scope = scopes.get(used);
      NDArray gradient = outputGradients.get(used).computeIfAbsent(slice * (batchSize + 1) + global,
          key -> outputGradient(scope, slice, global));
      Torch.backward(picked, gradient);
      kept.add(onDevice(logits.stopGradient(), replicas.get(0).device, epochScope, step));
    }
    return used;
  }

  /**
   * The gradient of the scaled slice loss −(n_k/N)·lr·mean(log p[label]) with respect to each
   * picked log-probability: −lr·(n_k/N)/n_k, which is −lr/N for every slice. (See {@link
   * EpochLoop} for why the constant is back-propagated instead of the loss, and why it includes
   * the learning rate.)
   */
  private NDArray outputGradient(NDManager scope, long slice, long global) {
    double value = -sgd.gradientScale() * (double) DataParallel.lossScale(slice, global) / slice;
    return scope.full(new Shape(slice, 1), (float) value);
  }

  /** Adds the other replicas' gradients into replica 0's and zeroes theirs. Recording must be off. */
  private void sumGradientsIntoFirst(int used) {
    NDArray[] total = replicas.get(0).grads();
    for (int k = 1; k < used; k++) {
      Replica r = replicas.get(k);
      NDArray[] g = r.grads();
      for (int i = 0; i < total.length; i++) {
        NDArray moved = g[i].toDevice(total[i].getDevice(), false);
        total[i].addi(moved);
        if (moved != g[i]) {
          moved.close();
        }
        Torch.zeroGradient(r.weights[i]);
      }
    }
  }

  /** Copies replica 0's parameters into the others'. Recording must be off. */
  private void broadcast() {
    boolean wasRecording = Torch.recording(false);
    NDArray[] source = replicas.get(0).weights;
    for (Replica r : replicas.subList(1, replicas.size())) {
      for (int i = 0; i < source.length; i++) {
        Torch.copyInto(r.weights[i], source[i]);
      }
    }
    Torch.recording(wasRecording);
  }

  /**
   * {@code array} on {@code device} (itself when it is there already), attached to {@code keep};
   * a copy's original is attached to {@code step}, which closes it with the step.
   */
  private static NDArray onDevice(NDArray array, Device device, NDManager keep, NDManager step) {
    NDArray moved = array.toDevice(device, false);
    if (moved != array) {
      array.attach(step);
    }
    moved.attach(keep);
    return moved;
  }
}
