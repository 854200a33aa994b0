package cifar.deploy;

import cifar.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the project's shell scripts with stand-ins for the cluster tools they call: each
 * stand-in is a bash script in {@link #bin}, first on the PATH, that may log its calls to
 * {@link #log} (passed as FAKE_LOG).
 */
abstract class ScriptTest {
  /** The project directory (Maven runs the tests there). */
  static final Path PROJECT = ProjectFiles.path(".").normalize();

  @TempDir Path dir;
  /** The environment added for the script. */
  final Map<String, String> env = new HashMap<>();

  /** A script's exit code and its stdout and stderr together. */
  record Result(int code, String out) {}

  Path bin() {
    return dir.resolve("bin");
  }

  Path log() {
    return dir.resolve("calls.log");
  }

  /** Writes an executable bash script {@code bin/name} with the given body. */
  void fake(String name, String body) throws IOException {
    Files.createDirectories(bin());
    Path f = bin().resolve(name);
    Files.writeString(f, "#!/usr/bin/env bash\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, Set.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
  }

  /** Runs {@code script args...} in {@code cwd}, the stand-ins first on the PATH. */
  Result run(Path cwd, Path script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    Files.createDirectories(bin());
    Path out = Files.createTempFile(dir, "out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("PATH", bin() + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_LOG", log().toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within 60 s: " + Files.readString(out));
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** The lines the stand-ins logged, or none when none was called. */
  List<String> calls() throws IOException {
    return Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
  }

  /** Whether a stand-in logged a line starting with {@code prefix}. */
  boolean called(String prefix) throws IOException {
    return calls().stream().anyMatch(l -> l.startsWith(prefix));
  }
}
