package cifar.sweep;

/** Durations for people: 42s, 5m12s, 2h03m. */
public final class Durations {
  private Durations() {}

  public static String format(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "?";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02ds", s % 60);
    }
    return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
  }
}
