package cifar.data;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Repository;
import ai.djl.training.util.ProgressBar;
import ai.djl.util.Utils;
import cifar.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * CIFAR-10 as DJL basicdataset's {@code Cifar10} gets it: from DJL's repository, downloaded once,
 * checked against the SHA-1 sums in the repository's metadata, and cached under DJL's cache
 * directory ({@code ~/.djl.ai/cache/repo/dataset/cv/ai/djl/basicdataset/cifar10/}, or under
 * {@code DJL_CACHE_DIR}).
 *
 * <p>Why not call {@code Cifar10.prepare()} and read its NDArray: it needs a running engine,
 * turns the 150 MB of bytes into 600 MB of float32 in HWC order, and keeps them in native memory;
 * we would then have to turn them back into CHW bytes. Instead we resolve the same repository
 * artifact that {@code Cifar10} resolves (same group, artifact, version and file names; {@code
 * DjlCifarSourceTest} checks that {@code Cifar10} reads the same images from the same
 * repository), let DJL download and verify it, and read the cached files with {@link
 * CifarBinaryReader}, which checks sizes and labels like any {@code --data-dir}. No engine is
 * started.
 */
final class DjlCifarSource {
  private static final Logger LOG = LogManager.getLogger(DjlCifarSource.class);

  // The coordinates of Cifar10's artifact (private constants in ai.djl...Cifar10, DJL 0.36.0).
  static final String ARTIFACT_ID = "cifar10";
  static final String VERSION = "1.0";
  static final String TRAIN_ITEM = "data_batch.bin"; // all five training batches, concatenated
  static final String TEST_ITEM = "test_batch.bin";

  /** DJL's own repository, the one {@code Cifar10} uses unless told otherwise. */
  static final Repository DEFAULT_REPOSITORY = BasicDatasets.REPOSITORY;

  private DjlCifarSource() {}

  /** Downloads (first time only), verifies and reads CIFAR-10 from {@code repository}. */
  static CifarDataset load(Repository repository) {
    MRL mrl =
        repository.dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, ARTIFACT_ID, VERSION);
    try {
      Artifact artifact = mrl.getDefaultArtifact();
      if (artifact == null) {
        throw new UserError(
            "DJL repository " + repository.getBaseUri() + " has no CIFAR-10 " + VERSION + ". "
                + fallback());
      }
      if (!mrl.isPrepared(artifact)) {
        LOG.info(
            "Downloading CIFAR-10 from {} into DJL's cache {} (once)",
            repository.getBaseUri(),
            repository.getResourceDirectory(artifact));
      }
      mrl.prepare(artifact, new ProgressBar());
      return new CifarDataset(
          CifarBinaryReader.read(List.of(file(repository, artifact, TRAIN_ITEM))),
          CifarBinaryReader.read(List.of(file(repository, artifact, TEST_ITEM))));
    } catch (IOException e) {
      throw new UserError(
          "Cannot get CIFAR-10 from DJL repository "
              + repository.getBaseUri()
              + " (cache "
              + Utils.getCacheDir()
              + "): "
              + e.getClass().getSimpleName() // "UnknownHostException: mlrepo.djl.ai" says more
              + ": "
              + e.getMessage()
              + ". "
              + fallback(),
          e);
    }
  }

  private static Path file(Repository repository, Artifact artifact, String item)
      throws IOException {
    Artifact.Item found = artifact.getFiles().get(item);
    if (found == null) {
      throw new UserError(
          "DJL repository " + repository.getBaseUri() + " lists no " + item + " for CIFAR-10. "
              + fallback());
    }
    return repository.getFile(found, "");
  }

  private static String fallback() {
    return "Without network access, set DJL_OFFLINE=true to use data DJL downloaded before, or"
        + " get the official tarball "
        + CifarLoader.TARBALL_URL
        + ", unpack it into DIR and run with --data-dir DIR.";
  }
}
