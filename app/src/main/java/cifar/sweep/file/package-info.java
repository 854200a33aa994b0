/**
 * Reading sweep files: YAML node by node, so that every error names the file, the line and the
 * key; runs, grids and a search become a {@link cifar.sweep.file.SweepDefinition} of checked
 * entries, the trainer's {@link cifar.training.RunEstimator} refusing configs it cannot train.
 */
package cifar.sweep.file;
