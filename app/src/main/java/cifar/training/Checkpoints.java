package cifar.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import cifar.UserError;
import cifar.config.ConfigKey;
import cifar.config.RunConfig;
import cifar.io.AtomicFiles;
import cifar.json.Json;
import cifar.json.PerClassJson;
import com.google.gson.annotations.JsonAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A run's per-epoch checkpoints, so that a killed run continues from its last finished epoch
 * and ends with the parameters, losses and accuracies it would have had without the kill.
 *
 * <p>After epoch K the directory holds two files: {@code epoch-K.state}, the tensors (parameters,
 * then momentum states, in DJL's NDList encoding, which keeps every float32 bit), and {@code
 * epoch-K.json}, the rest ({@link State}: the metrics so far and how far each random generator
 * has drawn). Each is written atomically ({@link AtomicFiles}); the JSON goes last, so
 * a checkpoint counts only once both are whole. Older epochs are removed after the newer one is
 * in place, so a crash at any moment leaves at least one complete checkpoint.
 *
 * <p>A checkpoint belongs to a run whatever its epoch count: the same run asked for more epochs
 * (a search promoting a trial from one rung to the next) continues from it, and ends with the
 * bits of the run trained that long in one go, since nothing of an epoch depends on how many
 * follow it (the shuffle and dropout replay count epochs done). Every other key must match.
 */
public final class Checkpoints {
  /** Layout of epoch-K.json. */
  static final int FORMAT = 1;

  private static final Logger LOG = LogManager.getLogger(Checkpoints.class);

  private final Path dir;

  public Checkpoints(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Everything about a run after an epoch that is not a tensor.
   *
   * @param config the run's config (a checkpoint of another config is refused; the epoch count
   *     may differ, see {@link #sameRun})
   * @param epoch the last finished epoch
   * @param epochs the metrics of epochs 1..epoch
   * @param shuffles permutations drawn so far from the run's shuffle generator (one per epoch)
   * @param dropoutDraws values drawn so far by each dropout layer's generator, in block order
   * @param perClassAccuracy per-class test accuracy after that epoch
   * @param confusion the confusion matrix after that epoch ({@link Evaluation#confusion()})
   */
  public record State(RunConfig config, int epoch, List<EpochMetrics> epochs, int shuffles,
      List<Long> dropoutDraws, @JsonAdapter(PerClassJson.class) List<Double> perClassAccuracy,
      List<List<Integer>> confusion) {
    public State {
      epochs = List.copyOf(epochs);
      dropoutDraws = List.copyOf(dropoutDraws);
      perClassAccuracy = List.copyOf(perClassAccuracy);
      // null in checkpoints written before the confusion matrix was recorded
      confusion = confusion == null ? List.of() : confusion.stream().map(List::copyOf).toList();
    }
  }

  /** A checkpoint read back: its state and its tensors (in the caller's manager). */
  record Loaded(State state, NDList tensors) {}

  /** Writes the checkpoint of {@code state.epoch()} and removes the older ones. */
  void write(State state, NDList tensors) {
    write(state.epoch(), state, tensors);
  }

  /**
   * Writes {@code state} (any record {@link Json} writes; a stacked group's too) and {@code
   * tensors} as the checkpoint of {@code epoch}, and removes the older ones.
   */
  void write(int epoch, Object state, NDList tensors) {
    long start = System.nanoTime();
    try {
      byte[] encoded = tensors.encode();
      byte[] json = Json.write(state, FORMAT).getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(dir.resolve(name(epoch, "state")), encoded);
      AtomicFiles.write(dir.resolve(name(epoch, "json")), json);
      for (int e : epochs()) {
        if (e < epoch) {
          Files.deleteIfExists(dir.resolve(name(e, "json")));
          Files.deleteIfExists(dir.resolve(name(e, "state")));
        }
      }
      LOG.debug("checkpoint of epoch {} in {}: {} bytes in {} ms", epoch, dir,
          encoded.length + json.length, (System.nanoTime() - start) / 1_000_000.0);
    } catch (IOException | UncheckedIOException e) {
      throw new UserError("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The newest complete checkpoint of {@code config}, if any.
   *
   * @throws UserError when the directory holds a checkpoint of another config, one past this
   *     config's epochs, or a damaged one
   */
  Optional<Loaded> latest(RunConfig config, NDManager manager) {
    return latest(State.class, (json, state) -> {
      if (!sameRun(config, state.config())) {
        throw new UserError(json + ": a checkpoint of another run (" + state.config().toMap()
            + "), not of " + config.toMap());
      }
      if (state.epoch() > config.epochs()) {
        throw new UserError(json + ": a checkpoint after epoch " + state.epoch() + " of a run"
            + " asked for " + config.epochs() + " epochs; it cannot be trained back");
      }
    }, manager).map(r -> new Loaded(r.state(), r.tensors()));
  }

  /** A checkpoint read back as {@code T}: its state and its tensors. */
  record Read<T>(T state, NDList tensors) {}

  /**
   * The newest complete checkpoint with its state read as {@code type}, if any, after {@code
   * check} (given the JSON file's path) has accepted it by not throwing a {@link UserError}.
   *
   * @throws UserError when {@code check} refuses it or the checkpoint is damaged
   */
  <T> Optional<Read<T>> latest(Class<T> type, BiConsumer<Path, T> check, NDManager manager) {
    int epoch = lastEpoch();
    if (epoch == 0) {
      return Optional.empty();
    }
    Path json = dir.resolve(name(epoch, "json"));
    Path tensors = dir.resolve(name(epoch, "state"));
    try {
      T state = Json.read(Files.readString(json, StandardCharsets.UTF_8), type, FORMAT);
      check.accept(json, state);
      return Optional.of(new Read<>(state, NDList.decode(manager, Files.readAllBytes(tensors))));
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserError u) {
        throw u;
      }
      throw new UserError(json + ": damaged checkpoint (" + e.getMessage() + "); move "
          + dir + " away to train this run from the start", e);
    }
  }

  /** Whether two configs are one run trained for possibly different numbers of epochs. */
  static boolean sameRun(RunConfig a, RunConfig b) {
    String epochs = ConfigKey.EPOCHS.key();
    return a.with(epochs, 1).equals(b.with(epochs, 1));
  }

  /** Removes the directory and its checkpoints (a finished run needs none). */
  public void delete() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }

  /** The newest epoch with a complete checkpoint, or 0 when there is none. */
  public int lastEpoch() {
    List<Integer> e = epochs();
    return e.isEmpty() ? 0 : e.get(e.size() - 1);
  }

  /** The epochs with a complete checkpoint (both files there), in order. */
  List<Integer> epochs() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("epoch-\\d+\\.json"))
          .map(n -> Integer.parseInt(n.substring(6, n.length() - 5)))
          .filter(e -> Files.isRegularFile(dir.resolve(name(e, "state"))))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String name(int epoch, String kind) {
    return "epoch-" + epoch + "." + kind;
  }
}
