package cifar.sweep.plan;

import cifar.UserError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A deterministic slice of a sweep, so many machines can share one sweep without talking to
 * each other: every machine resolves the same plan, sorts it by run id and takes every N-th run
 * starting at its own index. The slices of 1/N .. N/N are disjoint and together are the whole
 * sweep, and a rerun of the same sweep gives every shard the same runs again. (When the sweep
 * grows, runs may move to another shard; with a shared sweep directory that shard finds their
 * records and skips them.)
 *
 * <p>Shards are numbered from 1, as people count: {@code --shard 1/3}, {@code 2/3}, {@code 3/3}.
 * The 0-based indices of Kubernetes ({@code JOB_COMPLETION_INDEX}) and Slurm array ids (from
 * {@code SLURM_ARRAY_TASK_MIN}) are converted.
 *
 * @param index 1..count
 * @param count number of shards
 * @param source where the shard came from, for messages
 */
public record Shard(int index, int count, String source) {
  /** The whole sweep. */
  public static final Shard ALL = new Shard(1, 1, "no sharding");

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new UserError("shard " + index + "/" + count + " (" + source + ") does not exist: use"
          + " I/N with 1 <= I <= N, e.g. 1/" + Math.max(count, 2) + " .. " + Math.max(count, 2)
          + "/" + Math.max(count, 2));
    }
  }

  /** Parses {@code --shard I/N}. */
  public static Shard parse(String text) {
    String[] parts = text.trim().split("/");
    try {
      if (parts.length == 2) {
        return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
            "--shard " + text);
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new UserError("--shard '" + text + "' must be I/N, e.g. --shard 2/4 for the second of"
        + " four shards (shards count from 1)");
  }

  /**
   * The shard from the environment of a Kubernetes Indexed Job or a Slurm job array, or
   * {@link #ALL} outside both.
   *
   * @param env the process environment
   * @param countOption the shard count given on the command line (--shard-count), or null
   */
  public static Shard fromEnvironment(Map<String, String> env, Integer countOption) {
    String k8s = env.get("JOB_COMPLETION_INDEX");
    if (k8s != null) {
      Integer count = countOption != null ? countOption : integer(env, "CIFAR_SHARD_COUNT");
      if (count == null) {
        throw new UserError("JOB_COMPLETION_INDEX=" + k8s + " is set but not the number of shards:"
            + " pass --shard-count N or set CIFAR_SHARD_COUNT to the Job's completions");
      }
      return new Shard(integer(env, "JOB_COMPLETION_INDEX") + 1, count, "JOB_COMPLETION_INDEX=" + k8s);
    }
    String slurm = env.get("SLURM_ARRAY_TASK_ID");
    if (slurm != null) {
      Integer step = integer(env, "SLURM_ARRAY_TASK_STEP");
      if (step != null && step != 1) {
        throw new UserError("SLURM_ARRAY_TASK_STEP=" + step + ": sweep shards need a job array"
            + " without a step, e.g. --array=0-7");
      }
      Integer min = integer(env, "SLURM_ARRAY_TASK_MIN");
      Integer count = countOption != null ? countOption : integer(env, "SLURM_ARRAY_TASK_COUNT");
      if (count == null) {
        throw new UserError("SLURM_ARRAY_TASK_ID=" + slurm + " is set but SLURM_ARRAY_TASK_COUNT is"
            + " not: pass --shard-count N");
      }
      int index = integer(env, "SLURM_ARRAY_TASK_ID") - (min == null ? 0 : min) + 1;
      return new Shard(index, count, "SLURM_ARRAY_TASK_ID=" + slurm
          + (min == null ? "" : ", SLURM_ARRAY_TASK_MIN=" + min));
    }
    return ALL;
  }

  /** This shard's runs, in the order given. */
  public List<PlannedRun> select(List<PlannedRun> runs) {
    return select(runs, PlannedRun::id);
  }

  /**
   * This shard's groups, in the order given: dealt whole, by the id of their first member, so no
   * group is split between shards. Groups of one are dealt as {@link #select} deals their runs.
   */
  public List<SeedGroup> selectGroups(List<SeedGroup> groups) {
    return select(groups, g -> g.first().id());
  }

  /** Every N-th of {@code items} sorted by their unique {@code id}, in the order given. */
  private <T> List<T> select(List<T> items, Function<T, String> id) {
    List<String> byId = items.stream().map(id).sorted().toList();
    Set<String> mine = new HashSet<>();
    for (int i = index - 1; i < byId.size(); i += count) {
      mine.add(byId.get(i));
    }
    return items.stream().filter(x -> mine.contains(id.apply(x))).toList();
  }

  /** "2/3". */
  public String label() {
    return index + "/" + count;
  }

  private static Integer integer(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UserError("environment variable " + name + "='" + v + "' is not a whole number");
    }
  }
}
