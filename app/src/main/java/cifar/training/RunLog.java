package cifar.training;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.ThreadContextMapFilter;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.util.KeyValuePair;

/**
 * A run's own log file ({@code train.log}): a Log4j 2 file appender added for as long as the
 * run trains. It receives what the run says ({@link #line}, also printed or shown by the
 * caller) and every log line of the project and of DJL logged on the run's thread, stack traces
 * included, at the levels log4j2.xml sets. A thread is the run's while it holds the run's key in
 * its {@link ThreadContext}, so the runs a sweep trains side by side each get their own lines,
 * and lines of other threads (DJL's own, a progress ticker) stay out.
 *
 * <p>The run's lines go to the logger {@value #OUTPUT}, which log4j2.xml declares without
 * appenders and without additivity: they reach the run's file and no console, where the caller
 * has printed them already.
 */
public final class RunLog implements AutoCloseable {
  /** The logger of what runs say; only run logs receive it. */
  public static final String OUTPUT = "cifar.run";
  private static final String KEY = "cifar.run.id";
  private static final AtomicInteger OPENED = new AtomicInteger();
  private static final Logger LINES = LogManager.getLogger(OUTPUT);

  private final String name;
  private final String runId;
  private final FileAppender appender;

  private RunLog(String name, String runId, FileAppender appender) {
    this.name = name;
    this.runId = runId;
    this.appender = appender;
  }

  /**
   * Starts the log of run {@code runId} in {@code file} (appended to, so a resumed run keeps its
   * earlier lines) and makes the calling thread the run's, until {@link #close}.
   */
  public static RunLog open(Path file, String runId) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    String name = "run-log-" + OPENED.incrementAndGet();
    Filter onlyTheRun = ThreadContextMapFilter.createFilter(
        new KeyValuePair[] {new KeyValuePair(KEY, runId)}, "and", Filter.Result.NEUTRAL,
        Filter.Result.DENY);
    FileAppender appender = FileAppender.newBuilder().setName(name)
        .withFileName(file.toString()).withAppend(true).setConfiguration(config)
        .setLayout(PatternLayout.newBuilder().withConfiguration(config)
            .withPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %c{1} - %msg%n%throwable").build())
        .setFilter(onlyTheRun)
        .build();
    appender.start();
    synchronized (RunLog.class) { // sweep workers open and close logs at the same time
      config.addAppender(appender);
      // The filter also on the reference: Log4j checks a reference's filter before it checks
      // that the appender is started, so another thread logging while this log closes skips it
      // instead of reporting an append to a stopped appender.
      config.getRootLogger().addAppender(appender, null, onlyTheRun);
      outputLogger(config).addAppender(appender, null, onlyTheRun);
      context.updateLoggers();
    }
    ThreadContext.put(KEY, runId);
    return new RunLog(name, runId, appender);
  }

  /** Writes one line of what the run says (a start, an epoch, the end) to its log. */
  public void line(String text) {
    if (runId.equals(ThreadContext.get(KEY))) {
      LINES.info(text);
    }
  }

  /** The line a run says after an epoch. */
  public static String epochLine(EpochMetrics m, int epochs) {
    return String.format(Locale.ROOT,
        "epoch %d/%d: loss %.4f, train accuracy %.1f %%, test accuracy %.1f %%, %.1f s, %.0f img/s",
        m.epoch(), epochs, m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.testAccuracy(),
        m.seconds(), m.imagesPerSecond());
  }

  @Override
  public void close() {
    ThreadContext.remove(KEY);
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    synchronized (RunLog.class) {
      config.getRootLogger().removeAppender(name);
      outputLogger(config).removeAppender(name);
      if (config instanceof AbstractConfiguration c) {
        c.removeAppender(name);
      }
      context.updateLoggers();
    }
    appender.stop();
  }

  /** log4j2.xml's {@value #OUTPUT} logger (a test's default configuration may lack it). */
  private static LoggerConfig outputLogger(Configuration config) {
    LoggerConfig c = config.getLoggerConfig(OUTPUT);
    if (!c.getName().equals(OUTPUT)) {
      c = LoggerConfig.newBuilder().withLoggerName(OUTPUT).withLevel(Level.INFO)
          .withAdditivity(false).withConfig(config).build();
      config.addLogger(OUTPUT, c);
    }
    return c;
  }
}
