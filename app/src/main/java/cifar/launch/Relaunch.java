package cifar.launch;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gives {@code java -jar cifar.jar} the allocator scripts/cifar gives: at batch 4 a training step
 * allocates and frees a few dozen small buffers, which tcmalloc serves faster than glibc's malloc
 * (docs/BENCHMARKS.md). The JVM cannot swap its malloc once it runs, so when {@link Decision}
 * says so, the first JVM writes the bundled tcmalloc to the cache folder and runs the same java
 * binary with the same command line (JVM options, -jar or -cp, arguments) and {@code LD_PRELOAD}
 * set, passes standard input and output through, and exits with its exit code. That costs one
 * JVM start (a fraction of a second) and a small idle JVM beside the real one.
 *
 * <p>Stopping: Ctrl-C reaches both JVMs (one process group). SIGTERM or SIGHUP to the first runs
 * its shutdown hook, which sends SIGTERM to the second and waits for its shutdown hooks (a sweep
 * frees its lock); SIGKILL to the first reaches the second through the kernel
 * ({@code PR_SET_PDEATHSIG}, set by the second JVM itself as it starts), so it never outlives it.
 */
public final class Relaunch {
  /** How long the first JVM, stopped, waits for the second's shutdown hooks before a SIGKILL. */
  private static final long GRACE_SECONDS = 30;
  private static final int PR_SET_PDEATHSIG = 1;
  private static final int SIGKILL = 9;

  /** Why this JVM stayed on the malloc it has, once {@link #ifNeeded} has decided; else null. */
  private static volatile String stayed;

  private Relaunch() {}

  /** The C library's prctl, to die with the first JVM. */
  private interface Prctl extends Library {
    int prctl(int option, long arg2, long arg3, long arg4, long arg5);
  }

  /**
   * The first thing a main method of the jar does: returns when this JVM goes on (on the
   * allocator it has), or runs the relaunched JVM to its end and exits with its exit code.
   */
  public static void ifNeeded(String[] args) {
    Map<String, String> env = System.getenv();
    followParent(env.get(Decision.MARKER));
    Decision.Facts facts = facts(env, args);
    Decision decision = Decision.of(facts);
    switch (decision.action()) {
      case REFUSE -> {
        System.err.println("cifar: " + decision.why());
        System.exit(2);
      }
      case STAY -> {
        stayed = decision.why();
        return;
      }
      case STAY_AND_NOTE -> {
        fallBack(decision.why());
        return;
      }
      case RELAUNCH -> { }
    }
    String platform = BundledTcmalloc.platform(facts.osName(), facts.osArch());
    Path root = BundledTcmalloc.cacheRoot(env);
    Path lib;
    try {
      lib = BundledTcmalloc.extract(platform, root);
    } catch (IOException e) {
      fallBack("the bundled tcmalloc could not be written to " + root + ": " + e.getMessage());
      return;
    }
    ProcessBuilder pb = new ProcessBuilder(command(java(), facts.jvmArgs(), facts.args()))
        .inheritIO();
    pb.environment().putAll(childEnvironment(env, lib, ProcessHandle.current().pid()));
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      fallBack("the relaunched JVM did not start: " + e.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Stopper(child));
    System.exit(waitFor(child));
  }

  /** Why this JVM is on the malloc it has, as {@link #ifNeeded} decided; null if it never ran. */
  public static String stayedBecause() {
    return stayed;
  }

  /** Whether a mapped library is the copy of the bundled tcmalloc. */
  public static boolean isBundledCopy(String path) {
    return BundledTcmalloc.isCopy(path, System.getenv());
  }

  /** The relaunched JVM's command: this java, then the same command line as this one's. */
  static List<String> command(String java, List<String> jvmArgs, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmArgs);
    command.addAll(args);
    return command;
  }

  /**
   * What the relaunched JVM's environment changes: the library first in {@code LD_PRELOAD}
   * (before any the user preloads), and the marker with this JVM's pid.
   */
  static Map<String, String> childEnvironment(Map<String, String> env, Path lib, long pid) {
    String preload = env.getOrDefault("LD_PRELOAD", "");
    return Map.of("LD_PRELOAD", lib + (preload.isEmpty() ? "" : ":" + preload),
        Decision.MARKER, Long.toString(pid));
  }

  /**
   * The command line before the program's arguments, from the kernel's copy of it, so that the
   * second JVM is started exactly as this one was (-jar or -cp, @argfiles, every option); null
   * where it cannot be read or does not end with {@code args}.
   */
  static List<String> jvmArgs(Optional<String[]> commandLine, List<String> args) {
    if (commandLine.isEmpty()) {
      return null;
    }
    List<String> all = Arrays.asList(commandLine.get());
    int head = all.size() - args.size();
    if (head < 1 || !all.subList(head, all.size()).equals(args)) {
      return null;
    }
    return List.copyOf(all.subList(0, head));
  }

  private static Decision.Facts facts(Map<String, String> env, String[] args) {
    String osName = System.getProperty("os.name");
    String osArch = System.getProperty("os.arch");
    List<String> argList = List.of(args);
    return new Decision.Facts(osName, osArch, env, ProcessMaps.self(),
        BundledTcmalloc.available(BundledTcmalloc.platform(osName, osArch)),
        jvmArgs(commandLine(), argList), argList);
  }

  /**
   * This process's arguments after argv[0], from /proc/self/cmdline: ProcessHandle.Info gives up
   * on command lines longer than a page, and a class path of many jars is longer.
   */
  private static Optional<String[]> commandLine() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of("/proc/self/cmdline"));
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.current().info().arguments();
    }
    String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
    Charset charset = Charset.isSupported(encoding) ? Charset.forName(encoding)
        : StandardCharsets.UTF_8;
    List<String> args = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        args.add(new String(bytes, start, i - start, charset));
        start = i + 1;
      }
    }
    return args.isEmpty() ? Optional.empty()
        : Optional.of(args.subList(1, args.size()).toArray(new String[0]));
  }

  private static String java() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static void fallBack(String why) {
    stayed = why;
    System.err.println("cifar: note: running on the C library's malloc, not tcmalloc (" + why
        + "); training at small batches on CPU is slower. CIFAR_MALLOC=system hides this note.");
  }

  private static int waitFor(Process child) {
    while (true) {
      try {
        return child.waitFor(); // a child killed by signal N gives 128 + N, as a shell shows it
      } catch (InterruptedException e) {
        // nothing interrupts this thread on purpose; the child decides when it is over
      }
    }
  }

  /**
   * The first JVM's shutdown hook: SIGTERM to the child, its shutdown hooks their time, then
   * SIGKILL. A class, not a lambda, which the first JVM would have to link at start.
   */
  private static final class Stopper extends Thread {
    private final Process child;

    Stopper(Process child) {
      super("cifar-relaunch-stop");
      this.child = child;
    }

    @Override
    public void run() {
      if (!child.isAlive()) {
        return;
      }
      child.destroy();
      try {
        if (!child.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      } catch (InterruptedException e) {
        child.destroyForcibly();
      }
    }
  }

  /**
   * In the relaunched JVM (its parent's pid is the marker's): asks the kernel for a SIGKILL when
   * the parent ends, so that a SIGKILL to the first JVM stops both. A marker inherited from
   * further up (a cifar started by a relaunched cifar) names a process that is no parent of
   * this one, and is left alone.
   */
  private static void followParent(String marker) {
    if (marker == null) {
      return;
    }
    long first;
    try {
      first = Long.parseLong(marker);
    } catch (NumberFormatException e) {
      return;
    }
    long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    if (parent != first) {
      return;
    }
    try {
      Native.load("c", Prctl.class).prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // no JNA here: watch the parent instead, a little later than the kernel would
      ProcessHandle.of(first).ifPresent(p -> p.onExit().thenRun(
          () -> Runtime.getRuntime().halt(128 + SIGKILL)));
      return;
    }
    if (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != first) {
      Runtime.getRuntime().halt(128 + SIGKILL); // it died between the two looks
    }
  }
}
