package cifar.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.launch.Decision.Action;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every case of the relaunch decision, from made-up facts. */
class DecisionTest {
  private static final String LIBC = "7f1c2a000000-7f1c2a028000 r--p 00000000 08:01 1234"
      + " /usr/lib/x86_64-linux-gnu/libc.so.6";
  private static final String MUSL = "7f00 r-xp 0 0 0 /lib/ld-musl-x86_64.so.1";
  private static final String TCMALLOC = "7f00 r-xp 0 0 0 /usr/lib/libtcmalloc_minimal.so.4.5.10";
  private static final String JEMALLOC = "7f00 r-xp 0 0 0 /usr/lib/libjemalloc.so.2";
  private static final List<String> JAR = List.of("-Xmx2g", "-jar", "target/cifar.jar");
  private static final List<String> ARGS = List.of("train", "--epochs", "1");

  /** Linux x86-64 on glibc, nothing preloaded, the jar's tcmalloc there, a plain command line. */
  private static Decision.Facts plain(Map<String, String> env) {
    return new Decision.Facts("Linux", "amd64", env, List.of(LIBC), true, JAR, ARGS);
  }

  private static Decision decide(String os, String arch, Map<String, String> env, List<String> maps,
      boolean bundled, List<String> jvmArgs) {
    return Decision.of(new Decision.Facts(os, arch, env, maps, bundled, jvmArgs, ARGS));
  }

  @Test
  void aPlainJavaJarOnGlibcRelaunches() {
    assertEquals(new Decision(Action.RELAUNCH, ""), Decision.of(plain(Map.of())));
    assertEquals(Action.RELAUNCH, Decision.of(plain(Map.of("CIFAR_MALLOC", "auto"))).action());
    assertEquals(Action.RELAUNCH, Decision.of(plain(Map.of("CIFAR_MALLOC", "tcmalloc"))).action());
    // an LD_PRELOAD of something else is no allocator: tcmalloc goes in front of it
    assertEquals(Action.RELAUNCH, Decision.of(plain(Map.of("LD_PRELOAD", "/opt/libfoo.so"))).action());
    // -cp and a main class are a command line like -jar
    assertEquals(Action.RELAUNCH, decide("Linux", "x86_64", Map.of(), List.of(LIBC), true,
        List.of("-cp", "target/cifar.jar", "cifar.bench.BenchMain")).action());
  }

  @Test
  void aValueOfCifarMallocThatMeansNothingIsRefused() {
    Decision d = Decision.of(plain(Map.of("CIFAR_MALLOC", "tcmaloc")));
    assertEquals(Action.REFUSE, d.action());
    assertEquals("CIFAR_MALLOC: value 'tcmaloc' is not one of auto, tcmalloc, jemalloc, system",
        d.why());
  }

  @Test
  void macOsAndWindowsStayOnTheirOwnMallocWithoutANote() {
    for (String os : List.of("Mac OS X", "Windows 11")) {
      Decision d = decide(os, "aarch64", Map.of(), null, false, JAR);
      assertEquals(Action.STAY, d.action(), os);
      assertTrue(d.why().contains("for Linux") && d.why().contains(os), d.why());
    }
  }

  @Test
  void anAllocatorAlreadyPreloadedIsKept() {
    for (String lib : List.of(TCMALLOC, JEMALLOC)) {
      assertEquals(new Decision(Action.STAY, "already preloaded"),
          decide("Linux", "amd64", Map.of(), List.of(LIBC, lib), true, JAR));
    }
    // also in the relaunched JVM, where the marker is set: no second relaunch, no note
    assertEquals(Action.STAY, decide("Linux", "amd64", Map.of(Decision.MARKER, "42"),
        List.of(LIBC, TCMALLOC), true, JAR).action());
  }

  @Test
  void theMarkerStopsASecondRelaunchAndSaysThatTheLibraryDidNotLoad() {
    Decision d = Decision.of(plain(Map.of(Decision.MARKER, "42")));
    assertEquals(Action.STAY_AND_NOTE, d.action());
    assertTrue(d.why().contains("did not load") && d.why().contains("glibc 2.29"), d.why());
  }

  @Test
  void cifarMallocSystemStaysSilently() {
    assertEquals(new Decision(Action.STAY, "CIFAR_MALLOC=system"),
        Decision.of(plain(Map.of("CIFAR_MALLOC", "system"))));
  }

  @Test
  void jemallocCanOnlyBePreloadedFromOutside() {
    Decision d = Decision.of(plain(Map.of("CIFAR_MALLOC", "jemalloc")));
    assertEquals(Action.STAY_AND_NOTE, d.action());
    assertTrue(d.why().contains("scripts/cifar"), d.why());
  }

  @Test
  void withoutTheMapsOrWithoutGlibcItStaysAndSaysWhy() {
    Decision unreadable = decide("Linux", "amd64", Map.of(), null, true, JAR);
    assertEquals(Action.STAY_AND_NOTE, unreadable.action());
    assertTrue(unreadable.why().contains("/proc/self/maps"), unreadable.why());
    Decision musl = decide("Linux", "amd64", Map.of(), List.of(MUSL), true, JAR);
    assertEquals(Action.STAY_AND_NOTE, musl.action());
    assertTrue(musl.why().contains("not glibc"), musl.why());
    // glibc before 2.34 names its file libc-2.NN.so
    assertEquals(Action.RELAUNCH, decide("Linux", "amd64", Map.of(),
        List.of("7f00 r-xp 0 0 0 /lib/x86_64-linux-gnu/libc-2.31.so"), true, JAR).action());
  }

  @Test
  void aPlatformWithoutABundledTcmallocStaysAndNamesIt() {
    Decision d = decide("Linux", "aarch64", Map.of(), List.of(LIBC), false, JAR);
    assertEquals(Action.STAY_AND_NOTE, d.action());
    assertTrue(d.why().contains("linux-aarch64") && d.why().contains("libtcmalloc-minimal4"),
        d.why());
  }

  @Test
  void aCommandLineThatCannotBeReadBackStays() {
    Decision d = decide("Linux", "amd64", Map.of(), List.of(LIBC), true, null);
    assertEquals(Action.STAY_AND_NOTE, d.action());
    assertTrue(d.why().contains("command line"), d.why());
  }

  @Test
  void aDebuggerOrNativeAgentIsNotStartedTwice() {
    for (String agent : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
        "-agentpath:/opt/async-profiler/libasyncProfiler.so=start", "-Xrunjdwp:server=y",
        "-Xdebug")) {
      List<String> jvm = List.of(agent, "-jar", "target/cifar.jar");
      Decision d = decide("Linux", "amd64", Map.of(), List.of(LIBC), true, jvm);
      assertEquals(Action.STAY_AND_NOTE, d.action(), agent);
      assertTrue(d.why().contains(agent), d.why());
    }
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      Map<String, String> env = new HashMap<>();
      env.put(variable, " -Xmx1g  -agentlib:jdwp=transport=dt_socket,address=5005 ");
      Decision d = Decision.of(plain(env));
      assertEquals(Action.STAY_AND_NOTE, d.action(), variable);
      assertTrue(d.why().contains("from " + variable), d.why());
    }
    // a Java agent is started again in the second JVM like any option
    assertEquals(Action.RELAUNCH, decide("Linux", "amd64", Map.of(), List.of(LIBC), true,
        List.of("-javaagent:/opt/jacoco.jar", "-jar", "target/cifar.jar")).action());
  }
}
