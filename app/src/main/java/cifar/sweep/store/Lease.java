package cifar.sweep.store;

import java.time.Duration;

/**
 * How a held sweep lock shows that its holder still runs, for sweeps on other hosts, which cannot
 * look up the holder's process: the holder rewrites the lock's {@code heartbeat_at} every
 * {@code heartbeat}, and a lock whose heartbeat has not moved for {@code timeout} is stale. A
 * shard killed with no chance to release its lock (out of memory, node lost, {@code kill -9}) is
 * retried in a new Kubernetes pod or on another Slurm node, under another host name; without a
 * lease that retry could never tell a dead holder from a live one.
 *
 * <p>The timeout is several heartbeats, so that a late beat (a long GC pause, a slow or briefly
 * unreachable NFS server, a client cache that shows a rewritten file a little late) does not make
 * a live lock look stale. Both are parameters so that tests can use milliseconds.
 *
 * @param heartbeat how often the holder rewrites its lock
 * @param timeout how long a heartbeat may stand still before the lock is stale
 */
record Lease(Duration heartbeat, Duration timeout) {
  /** The lease of {@code sweep}. */
  static final Lease DEFAULT = new Lease(Duration.ofSeconds(SweepLock.HEARTBEAT_SECONDS),
      Duration.ofSeconds(SweepLock.TIMEOUT_SECONDS));

  Lease {
    if (heartbeat.isNegative() || heartbeat.isZero()
        || timeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("a lease needs a positive heartbeat and a timeout of at"
          + " least two heartbeats: " + heartbeat + ", " + timeout);
    }
  }

  /** Whether a heartbeat {@code age} old (by this host's clock) is past the timeout. */
  boolean over(Duration age) {
    return age.compareTo(timeout) > 0;
  }

  /** How often a waiting sweep looks at a lock again: often enough to see every beat. */
  Duration poll() {
    Duration quarter = heartbeat.dividedBy(4);
    return quarter.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
        : quarter.isZero() ? Duration.ofMillis(1) : quarter;
  }

  /** "250 ms", "42 s", "15 min", "3 h": a duration for a message, rounded down. */
  static String words(Duration d) {
    if (d.isNegative()) {
      return "-" + words(d.negated());
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + " ms";
    }
    if (d.compareTo(Duration.ofMinutes(5)) < 0) {
      return d.toSeconds() + " s";
    }
    return d.compareTo(Duration.ofHours(5)) < 0 ? d.toMinutes() + " min" : d.toHours() + " h";
  }
}
