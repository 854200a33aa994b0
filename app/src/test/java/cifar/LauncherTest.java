package cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/cifar, run with a stand-in for java that prints what it was given: the arguments pass
 * through unchanged, the allocator is chosen as CIFAR_MALLOC says, and bad settings stop it with
 * exit code 2 and a message naming the variable and the value.
 */
@EnvironmentDependent
class LauncherTest {
  private static final Path SCRIPT = ProjectFiles.path("scripts", "cifar");

  @TempDir Path dir;
  private Path jar;
  private Path fakeJava;

  @BeforeEach
  void setUp() throws IOException {
    jar = Files.writeString(dir.resolve("cifar.jar"), "not really a jar");
    fakeJava = dir.resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\n"
        + "echo \"preload=${LD_PRELOAD:-}\"\n"
        + "echo \"args=$*\"\n");
    Files.setPosixFilePermissions(fakeJava, Set.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
  }

  private record Result(int code, String out) {}

  private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = SCRIPT.toAbsolutePath().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("LD_PRELOAD");
    pb.environment().put("CIFAR_JAR", jar.toString());
    pb.environment().put("JAVA", fakeJava.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  @Test
  void passesTheArgumentsAndTheJarToJava() throws Exception {
    Result r = run(Map.of("CIFAR_MALLOC", "system", "JAVA_OPTS", "-Xmx1g -Dx=1"),
        "sweep", "--data-dir", "/data", "hyperparams/smoke.yaml");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("args=-Xmx1g -Dx=1 -jar " + jar + " sweep --data-dir /data hyperparams/smoke.yaml"),
        r.out());
    assertTrue(r.out().contains("preload=\n"), "system malloc must not preload: " + r.out());
    // `bench ...` runs the benchmarks' main class from the same jar, with the same options
    Result bench = run(Map.of("CIFAR_MALLOC", "system", "JAVA_OPTS", "-Xmx1g"),
        "bench", "turns", "--data-dir", "/data");
    assertEquals(0, bench.code(), bench.out());
    assertTrue(bench.out().contains(
        "args=-Xmx1g -cp " + jar + " cifar.bench.BenchMain turns --data-dir /data"), bench.out());
  }

  @Test
  void anUnknownAllocatorIsRefused() throws Exception {
    Result r = run(Map.of("CIFAR_MALLOC", "tcmaloc"), "info");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("CIFAR_MALLOC: value 'tcmaloc' is not one of"), r.out());
    assertTrue(!r.out().contains("args="), "java must not start: " + r.out());
  }

  @Test
  void aMissingJarIsNamed() throws Exception {
    Result r = run(Map.of("CIFAR_JAR", dir.resolve("nope.jar").toString()), "info");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("no jar at " + dir.resolve("nope.jar")), r.out());
  }

  /** Stand-ins for the allocators' libraries (the launcher only looks for the file names). */
  private Path libs(String... names) throws IOException {
    Path libDir = Files.createDirectories(dir.resolve("lib" + names.length));
    for (String name : names) {
      Files.writeString(libDir.resolve(name), "");
    }
    return libDir;
  }

  private static String preload(Result r) {
    return r.out().lines().filter(l -> l.startsWith("preload=")).findFirst().orElseThrow()
        .substring("preload=".length());
  }

  @Test
  void autoPrefersTcmallocThenJemallocThenTheSystemsMalloc() throws Exception {
    Path both = libs("libtcmalloc_minimal.so.4", "libjemalloc.so.2");
    assertEquals(both.resolve("libtcmalloc_minimal.so.4").toString(),
        preload(run(Map.of("CIFAR_LIB_DIRS", both.toString()), "info")));
    Path je = libs("libjemalloc.so.2");
    assertEquals(je.resolve("libjemalloc.so.2").toString(),
        preload(run(Map.of("CIFAR_LIB_DIRS", je.toString()), "info")));
    Path none = libs();
    Result r = run(Map.of("CIFAR_LIB_DIRS", none.toString()), "info");
    assertEquals(0, r.code(), r.out());
    assertEquals("", preload(r));
  }

  @Test
  void anExplicitChoiceWinsOverAuto() throws Exception {
    Path both = libs("libtcmalloc_minimal.so.4", "libjemalloc.so.2");
    assertEquals(both.resolve("libjemalloc.so.2").toString(), preload(run(
        Map.of("CIFAR_LIB_DIRS", both.toString(), "CIFAR_MALLOC", "jemalloc"), "info")));
  }

  @Test
  void askingForAnAllocatorThatIsNotInstalledFails() throws Exception {
    Path tcOnly = libs("libtcmalloc_minimal.so.4");
    Result r = run(Map.of("CIFAR_LIB_DIRS", tcOnly.toString(), "CIFAR_MALLOC", "jemalloc"), "info");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("CIFAR_MALLOC=jemalloc but its library is not installed"), r.out());
  }
}
