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
 * @param stack for a sweep run that belongs to a group of seeds ({@link Stack}), the group and
 *     how it was trained; null for a run trained alone as a run of its own (and in files written
 *     before runs were grouped)
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
    Instant finishedAt,
    Stack stack) {

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

  /**
   * Where a run stood in the group of seeds a sweep trains together: the seeds of one config, cut
   * into groups by the sweep alone (never by the machine), so that the same group can be trained
   * again. A stacked member's digits depend on its group (its members share every kernel of a
   * step): to reproduce it, train the same members in the same order.
   *
   * @param key the group's key, also the name of its checkpoint directory in the sweep's {@code
   *     checkpoints/}
   * @param members the run ids of the group's members, in the group's fixed order
   * @param position this run's index in {@code members}, from 0
   * @param stacked true when the members trained together in one stacked model; false when this
   *     run trained alone, as a run of its own (the trainer could not stack the group, or {@code
   *     --no-stack}), so its digits do not depend on the others
   */
  public record Stack(String key, List<String> members, int position, boolean stacked) {
    public Stack {
      members = List.copyOf(members);
    }
  }

  /** The provenance of work done by this process on {@code host} with {@code engine}. */
  public static Provenance of(Engine engine, String host, Instant startedAt, Instant finishedAt) {
    return new Provenance(BuildInfo.projectVersion(), BuildInfo.gitCommit(), BuildInfo.gitDirty(),
        engine.djlVersion(), engine.pytorchVersion(), engine.flavor(), engine.devices(),
        Machine.java(), Machine.os(), Machine.cpuModel(), Machine.cores(), engine.threads(),
        Allocator.name(), host, startedAt, finishedAt, null);
  }

  /** The same, finished at {@code when}. */
  public Provenance finished(Instant when) {
    return new Provenance(projectVersion, gitCommit, gitDirty, djlVersion, pytorchVersion, flavor,
        devices, javaVersion, os, cpuModel, cores, threads, allocator, host, startedAt, when, stack);
  }

  /** The same, made as a member of {@code group} (null: as a run of its own). */
  public Provenance inStack(Stack group) {
    return new Provenance(projectVersion, gitCommit, gitDirty, djlVersion, pytorchVersion, flavor,
        devices, javaVersion, os, cpuModel, cores, threads, allocator, host, startedAt, finishedAt,
        group);
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
