package cifar.sweep.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Which device each of a sweep's parallel workers trains on: worker i on place i mod K, so P
 * workers on K GPUs spread as evenly as they can (P = K: one run per GPU) and one device (the
 * CPU, or one chosen GPU) is shared by all, as before.
 */
public final class Placement {
  private Placement() {}

  /**
   * @param places the devices runs may train on, at least one
   * @param workers the runs trained at the same time
   * @return the place of worker 0, 1, ..., workers − 1
   */
  public static <T> List<T> roundRobin(List<T> places, int workers) {
    if (places.isEmpty()) {
      throw new IllegalArgumentException("no device to place runs on");
    }
    List<T> perWorker = new ArrayList<>();
    for (int i = 0; i < Math.max(1, workers); i++) {
      perWorker.add(places.get(i % places.size()));
    }
    return List.copyOf(perWorker);
  }
}
