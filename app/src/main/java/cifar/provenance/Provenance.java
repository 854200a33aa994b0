package cifar.provenance;

import java.time.Instant;
import java.util.List;

/**
 * What made a result: the code, the libraries, the machine and the settings that change its
 * digits. Two runs of one config and seed agree to the bit only when these agree: oneDNN picks
 * its kernels by CPU kind and thread count, and they round differently. Every run directory's
 * {@code metrics.json}, every sweep record and every {@code sweep.json} carries one.
 *
 * @param projectVersion this project's version (pom.xml)
 * @param gitCommit the commit the jar was built from, or "unknown"
 * @param gitDirty whether that build had uncommitted changes (null: unknown)
 * @param djlVersion DJL's version
 * @param pytorchVersion the libtorch version DJL runs on
 * @param flavor libtorch's build, "cpu" or "cuXXX" (null where no engine was loaded)
 * @param devices the devices the run trained on, e.g. ["cpu()"] (empty: none yet)
 * @param javaVersion the Java runtime
 * @param os the operating system and architecture
 * @param cpuModel the CPU's model name
 * @param cores cores the JVM sees
 * @param threads libtorch intra-op threads of the run (null where no engine was loaded)
 * @param allocator the malloc in use: tcmalloc, jemalloc or system
 * @param host the machine's name
 * @param startedAt when the run (or the sweep process) started
 * @param finishedAt when it finished (null while it runs)
 */
public record Provenance(
    String projectVersion,
    String gitCommit,
    Boolean gitDirty,
    String djlVersion,
    String pytorchVersion,
    String flavor,
    List<String> devices,
    String javaVersion,
    String os,
    String cpuModel,
    int cores,
    Integer threads,
    String allocator,
    String host,
    Instant startedAt,
    Instant finishedAt) {

  public Provenance {
    devices = devices == null ? List.of() : List.copyOf(devices);
  }

  /**
   * What the trainer of a run says about its engine.
   *
   * @param djlVersion DJL's version as loaded
   * @param pytorchVersion libtorch's version as loaded
   * @param flavor "cpu" or "cuXXX"
   * @param devices where runs train
   * @param threads libtorch intra-op threads
   */
  public record Engine(String djlVersion, String pytorchVersion, String flavor,
      List<String> devices, Integer threads) {
    public Engine {
      devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** Before any engine is loaded: the versions this jar was built for, nothing more. */
    public static Engine notLoaded() {
      return new Engine(BuildInfo.djlVersion(), BuildInfo.pytorchVersion(), null, List.of(), null);
    }
  }

  /** The provenance of work done by this process on {@code host} with {@code engine}. */
  public static Provenance of(Engine engine, String host, Instant startedAt, Instant finishedAt) {
    return new Provenance(BuildInfo.projectVersion(), BuildInfo.gitCommit(), BuildInfo.gitDirty(),
        engine.djlVersion(), engine.pytorchVersion(), engine.flavor(), engine.devices(),
        Machine.java(), Machine.os(), Machine.cpuModel(), Machine.cores(), engine.threads(),
        Allocator.name(), host, startedAt, finishedAt);
  }

  /** The same, finished at {@code when}. */
  public Provenance finished(Instant when) {
    return new Provenance(projectVersion, gitCommit, gitDirty, djlVersion, pytorchVersion, flavor,
        devices, javaVersion, os, cpuModel, cores, threads, allocator, host, startedAt, when);
  }

  /** The commit as people read it: 12 digits, "+dirty" when the build was dirty. */
  public String shortCommit() {
    String c = gitCommit == null ? "unknown" : gitCommit;
    String id = c.length() > 12 ? c.substring(0, 12) : c;
    return Boolean.TRUE.equals(gitDirty) ? id + "+dirty" : id;
  }

  /**
   * What must agree for two seeds of one config to be comparable: the code and the libraries
   * (a report warns when one config's seeds differ in it).
   */
  public String codeAndLibraries() {
    return shortCommit() + ", DJL " + djlVersion + ", PyTorch " + pytorchVersion
        + (flavor == null ? "" : " " + flavor);
  }
}
