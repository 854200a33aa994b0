package cifar.sweep.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cartesian product of a grid's value lists. */
final class Grid {
  private Grid() {}

  /**
   * Every combination of one value per key, in odometer order: the last key varies fastest,
   * so {a: [1, 2], b: [x, y]} gives a1 b x, a1 b y, a2 b x, a2 b y.
   */
  static List<Map<String, Object>> points(Map<String, List<Object>> axes) {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points) {
        for (Object v : axis.getValue()) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(axis.getKey(), v);
          next.add(q);
        }
      }
      points = next;
    }
    return points;
  }
}
