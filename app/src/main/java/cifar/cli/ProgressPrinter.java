package cifar.cli;

import cifar.training.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress within an epoch: on a terminal a bar redrawn in place a few times a second; otherwise
 * (a log file, CI) a plain line every few seconds, so logs stay readable.
 */
final class ProgressPrinter implements TrainingProgress {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final long intervalNanos;
  private long epochStart;
  private long lastPrint;
  private int epoch = -1;

  ProgressPrinter(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = terminal ? 200_000_000L : 5_000_000_000L;
  }

  /** A bar when System.console() says we are on a terminal, plain lines otherwise. */
  static ProgressPrinter forConsole() {
    return new ProgressPrinter(System.out, System.console() != null);
  }

  @Override
  public void update(int epoch, int epochs, long done, long total) {
    long now = System.nanoTime();
    if (epoch != this.epoch) {
      this.epoch = epoch;
      epochStart = now;
      lastPrint = now;
    }
    boolean last = done == total;
    if (!last && now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    double seconds = (now - epochStart) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    if (terminal) {
      int filled = (int) (WIDTH * done / Math.max(1, total));
      out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d images, %.0f img/s%s", epoch, epochs,
          "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, rate, last ? "\n" : "");
      out.flush();
    } else if (!last) {
      out.printf(Locale.ROOT, "epoch %d/%d: %d/%d images (%.0f%%), %.0f img/s%n", epoch, epochs,
          done, total, 100.0 * done / total, rate);
    }
  }
}
