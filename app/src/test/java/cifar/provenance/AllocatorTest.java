package cifar.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cifar.EnvironmentDependent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AllocatorTest {
  private static final String LIBC =
      "7f1c2a000000-7f1c2a028000 r--p 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6";

  @Test
  void namesThePreloadedTcmalloc() {
    String tc = "7f1c2b000000-7f1c2b010000 r-xp 00000000 08:01 99"
        + " /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
    assertEquals("tcmalloc, preloaded from the system"
        + " (/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10)", Allocator.describe(
            List.of("55d0c0000000-55d0c0001000 r--p 00000000 00:00 0 [heap]", tc, LIBC), false, null));
  }

  @Test
  void namesTheBundledTcmalloc() {
    String tc = "7f1c2b000000-7f1c2b010000 r-xp 00000000 08:01 99"
        + " /home/me/.cache/cifar/tcmalloc-2.10-1-c65677941aee/libtcmalloc_minimal.so.4";
    assertEquals("tcmalloc, bundled in cifar.jar"
        + " (/home/me/.cache/cifar/tcmalloc-2.10-1-c65677941aee/libtcmalloc_minimal.so.4)",
        Allocator.describe(List.of(LIBC, tc), true, null));
  }

  @Test
  void namesJemalloc() {
    String je = "7f00 r-xp 0 0 0 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
    assertTrue(Allocator.describe(List.of(LIBC, je), false, null)
        .startsWith("jemalloc, preloaded from the system ("));
  }

  @Test
  void fallsBackToTheCLibrary() {
    // A path that merely contains the word is not the library.
    String data = "7f00 r--p 0 0 0 /home/me/tcmalloc-notes/readme.txt";
    assertEquals("the C library's malloc (CIFAR_MALLOC=system)",
        Allocator.describe(List.of(LIBC, data), false, "CIFAR_MALLOC=system"));
    assertTrue(Allocator.describe(List.of(LIBC), false, null).contains("not started through"));
  }

  @EnvironmentDependent
  @Test
  void thisTestJvmWithoutPreloadUsesTheCLibrary() {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux only");
    String preload = System.getenv("LD_PRELOAD");
    Assumptions.assumeTrue(preload == null || preload.isEmpty(), "run without LD_PRELOAD");
    assertTrue(Allocator.describe().startsWith("the C library's malloc"), Allocator.describe());
  }

  /**
   * A child JVM reports what it really runs on: tcmalloc when it is installed here and preloaded
   * (as scripts/cifar does), else the C library's malloc.
   */
  @EnvironmentDependent
  @Test
  void aChildJvmReportsTheAllocatorItRunsOn() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux only");
    Path tc = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Describe.class.getName()).redirectErrorStream(true);
    pb.environment().remove("LD_PRELOAD");
    if (Files.exists(tc)) {
      pb.environment().put("LD_PRELOAD", tc.toString());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    if (Files.exists(tc)) {
      assertTrue(out.startsWith("tcmalloc, preloaded from the system (")
          && out.contains("libtcmalloc_minimal"), out);
    } else {
      assertTrue(out.startsWith("the C library's malloc"), out);
    }
  }

  /** The child's main: prints what {@link Allocator#describe()} sees. */
  public static final class Describe {
    public static void main(String[] args) {
      System.out.println(Allocator.describe());
    }
  }
}
