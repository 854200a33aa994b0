package cifar.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.EnvironmentDependent;
import cifar.provenance.Allocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelaunchTest {
  @TempDir Path tmp;

  @Test
  void theCommandLineBeforeTheArgumentsIsKeptAsItWas() {
    String[] line = {"-Xmx2g", "@opts", "-jar", "target/cifar.jar", "train", "--epochs", "1"};
    assertEquals(List.of("-Xmx2g", "@opts", "-jar", "target/cifar.jar"),
        Relaunch.jvmArgs(Optional.of(line), List.of("train", "--epochs", "1")));
    assertEquals(List.of("-cp", "x.jar", "M"),
        Relaunch.jvmArgs(Optional.of(new String[] {"-cp", "x.jar", "M"}), List.of()));
    assertNull(Relaunch.jvmArgs(Optional.empty(), List.of()));
    assertNull(Relaunch.jvmArgs(Optional.of(line), List.of("sweep")), "not these arguments");
    assertNull(Relaunch.jvmArgs(Optional.of(new String[] {"a"}), List.of("a")), "no main");
    assertEquals(List.of("/usr/bin/java", "-jar", "c.jar", "info"),
        Relaunch.command("/usr/bin/java", List.of("-jar", "c.jar"), List.of("info")));
  }

  @Test
  void theChildPreloadsTheLibraryFirstAndCarriesTheMarker() {
    Path lib = Path.of("/c/libtcmalloc_minimal.so.4");
    assertEquals(Map.of("LD_PRELOAD", lib.toString(), Decision.MARKER, "7"),
        Relaunch.childEnvironment(Map.of(), lib, 7));
    assertEquals(Map.of("LD_PRELOAD", lib + ":/opt/libfoo.so", Decision.MARKER, "7"),
        Relaunch.childEnvironment(Map.of("LD_PRELOAD", "/opt/libfoo.so"), lib, 7));
  }

  /** A JVM of the test class path whose main is {@link Probe}, with this environment. */
  private Process probe(Map<String, String> env, String... args) throws IOException {
    Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
        && BundledTcmalloc.available(BundledTcmalloc.platform("Linux",
            System.getProperty("os.arch"))), "Linux on a platform with a bundled tcmalloc");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx64m", Probe.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(tmp.resolve("err").toFile());
    pb.environment().remove("LD_PRELOAD");
    pb.environment().remove(Decision.MARKER);
    pb.environment().remove(Decision.CHOICE);
    pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    pb.environment().putAll(env);
    return pb.start();
  }

  private static List<String> lines(Process p) throws Exception {
    p.getOutputStream().close(); // the probe reads a line: end of file, unless one was typed
    List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines().toList();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  private String err() throws IOException {
    return Files.readString(tmp.resolve("err"));
  }

  /**
   * The whole path: a JVM on glibc's malloc relaunches itself once, the second reports the
   * bundled tcmalloc, gets the same JVM options and arguments, reads the first's standard input,
   * and its exit code is the first's.
   */
  @EnvironmentDependent
  @Test
  void aJvmOnGlibcRelaunchesItselfOnceWithTheBundledTcmalloc() throws Exception {
    Process p = probe(Map.of(), "report", "exit=7", "an argument with spaces");
    try (OutputStream in = p.getOutputStream()) {
      in.write("typed\n".getBytes(StandardCharsets.UTF_8));
    }
    List<String> out = lines(p);
    assertEquals(7, p.exitValue(), out + err());
    assertEquals(List.of("argv=report|exit=7|an argument with spaces", "xmx=64m", "marker=" + p.pid(),
        "parent=" + p.pid(), "stdin=typed"), out.subList(0, 5), err());
    assertTrue(out.get(5).startsWith("allocator=tcmalloc, bundled in cifar.jar (" + tmp.resolve("cache")
        .toRealPath()), out.get(5));
    assertFalse(err().contains("cifar: note"), err());
    try (var copies = Files.list(tmp.resolve("cache/cifar"))) {
      assertEquals(1, copies.count(), "one copy in the cache");
    }
  }

  @EnvironmentDependent
  @Test
  void cifarMallocSystemRunsInTheFirstJvmWithoutANote() throws Exception {
    Process p = probe(Map.of("CIFAR_MALLOC", "system"), "report", "exit=0");
    List<String> out = lines(p);
    assertEquals(0, p.exitValue(), err());
    assertEquals("marker=null", out.get(2));
    assertEquals("allocator=the C library's malloc (CIFAR_MALLOC=system)", out.get(5));
    assertEquals("", err());
  }

  /** A marker already set (a relaunch that did not take) never starts a third JVM. */
  @EnvironmentDependent
  @Test
  void theMarkerStopsALoopAndTheNoteSaysWhy() throws Exception {
    Process p = probe(Map.of(Decision.MARKER, "1"), "report", "exit=3");
    List<String> out = lines(p);
    assertEquals(3, p.exitValue(), err());
    assertEquals("marker=1", out.get(2));
    assertTrue(out.get(5).startsWith("allocator=the C library's malloc (the bundled tcmalloc did"
        + " not load"), out.get(5));
    assertTrue(err().startsWith("cifar: note: running on the C library's malloc, not tcmalloc"),
        err());
    assertEquals(1, err().lines().count(), err());
  }

  @EnvironmentDependent
  @Test
  void aBadCifarMallocStopsBeforeAnythingRuns() throws Exception {
    Process p = probe(Map.of("CIFAR_MALLOC", "tc"), "report", "exit=0");
    assertEquals(List.of(), lines(p));
    assertEquals(2, p.exitValue());
    assertEquals("cifar: CIFAR_MALLOC: value 'tc' is not one of auto, tcmalloc, jemalloc, system\n",
        err());
  }

  /** SIGKILL to the first JVM (as a test's destroyForcibly) ends the second with it. */
  @EnvironmentDependent
  @Test
  void theSecondJvmDiesWithTheFirst() throws Exception {
    Process p = probe(Map.of(), "sleep");
    ProcessHandle child = waitForChild(p, reader(p));
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(child.onExit().get(30, TimeUnit.SECONDS) != null);
    assertFalse(child.isAlive(), "the relaunched JVM outlived the first");
  }

  /** SIGTERM to the first JVM reaches the second, whose shutdown hooks run; 143 as for one JVM. */
  @EnvironmentDependent
  @Test
  void sigtermToTheFirstJvmStopsTheSecondCleanly() throws Exception {
    Process p = probe(Map.of(), "sleep");
    BufferedReader out = reader(p);
    ProcessHandle child = waitForChild(p, out);
    p.toHandle().destroy(); // SIGTERM; Process.destroy would also close the pipes
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(143, p.exitValue(), err());
    assertFalse(child.isAlive());
    assertEquals("hook ran", out.readLine(), "the second JVM's shutdown hook");
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The relaunched JVM's handle, once it has said that it sleeps. */
  private static ProcessHandle waitForChild(Process p, BufferedReader out) throws IOException {
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("sleeping pid="), String.valueOf(line));
    long pid = Long.parseLong(line.substring("sleeping pid=".length()));
    assertTrue(pid != p.pid(), "a second JVM");
    return ProcessHandle.of(pid).orElseThrow();
  }

  /**
   * The child's main, as the jar's mains begin: {@link Relaunch#ifNeeded}, then "report" prints
   * what the JVM that goes on sees and exits as told, or "sleep" waits to be stopped.
   */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      Relaunch.ifNeeded(args);
      if (args[0].equals("sleep")) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran")));
        System.out.println("sleeping pid=" + ProcessHandle.current().pid());
        Thread.sleep(120_000);
        return;
      }
      System.out.println("argv=" + String.join("|", args));
      System.out.println("xmx=" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
      System.out.println("marker=" + System.getenv(Decision.MARKER));
      System.out.println("parent=" + ProcessHandle.current().parent().map(ProcessHandle::pid)
          .orElse(-1L));
      String stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
          .readLine();
      System.out.println("stdin=" + stdin);
      System.out.println("allocator=" + Allocator.describe());
      System.out.flush();
      System.exit(Integer.parseInt(args[1].substring("exit=".length())));
    }
  }
}
