package cifar.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameters that are views of one tensor, their buffer, so that one in-place kernel on the
 * buffer updates all of them: the optimizer subtracts a whole net's step in one call instead of
 * one per parameter. The views are the arrays the net's blocks hold, so the forward pass, saving
 * and evaluation read them as DJL parameters like any other.
 *
 * @param buffer the tensor the views are of; for a lone parameter ({@link #of}), the parameter
 * @param views the parameters, in order, end to end in the buffer
 */
public record FlatParameters(NDArray buffer, List<NDArray> views) {
  public FlatParameters {
    views = List.copyOf(views);
    long size = views.stream().mapToLong(NDArray::size).sum();
    if (size != buffer.size()) {
      throw new IllegalArgumentException("the views hold " + size + " values, the buffer "
          + buffer.size());
    }
  }

  /** One parameter that is its own buffer: an update of it is still one kernel. */
  public static FlatParameters of(NDArray parameter) {
    return new FlatParameters(parameter, List.of(parameter));
  }

  /**
   * Copies of {@code values}, end to end in one new one-dimensional buffer in {@code manager},
   * each a view shaped like its value. The copies do not record gradients; whoever makes them
   * parameters says so.
   */
  public static FlatParameters copyOf(List<NDArray> values, NDManager manager) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no parameters to lay out");
    }
    NDList flat = new NDList();
    long[] ends = new long[values.size() - 1]; // where each value but the last ends
    long end = 0;
    for (int i = 0; i < values.size(); i++) {
      flat.add(values.get(i).stopGradient().flatten());
      end += values.get(i).size();
      if (i < ends.length) {
        ends[i] = end;
      }
    }
    NDArray buffer = NDArrays.concat(flat); // a new tensor, even of one value
    buffer.attach(manager);
    NDList parts = buffer.split(ends); // views; no ends gives the buffer whole
    List<NDArray> views = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      NDArray view = parts.get(i).reshape(values.get(i).getShape());
      view.attach(manager);
      views.add(view);
    }
    flat.close();
    return new FlatParameters(buffer, views);
  }
}
