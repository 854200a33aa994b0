package cifar.sweep;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How config changes are written for people: {@code lr=0.0005, conv_channels=[15, 20, 25]}. */
public final class Changes {
  private Changes() {}

  /** The changes as "key=value, key=value"; an empty string when nothing changed. */
  public static String describe(Map<String, Object> changes) {
    return changes.entrySet().stream()
        .map(e -> e.getKey() + "=" + value(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** One value: doubles without trailing zeros, lists in brackets. */
  public static String value(Object v) {
    if (v instanceof List<?> list) {
      return list.stream().map(Changes::value).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Double d) {
      return RunIds.number(d);
    }
    return String.valueOf(v);
  }
}
