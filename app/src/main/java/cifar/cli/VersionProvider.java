package cifar.cli;

import cifar.provenance.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/**
 * Prints this project's version, the DJL / PyTorch versions it was built against and the platform
 * whose native code it holds.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Package p = Main.class.getPackage();
    String version = p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
    return new String[] {"cifar " + version, BuildInfo.djlAndPytorch(),
        "natives for " + BuildInfo.nativeClassifier()};
  }
}
