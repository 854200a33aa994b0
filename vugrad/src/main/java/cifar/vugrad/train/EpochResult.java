package cifar.vugrad.train;

/**
 * One epoch's outcome: the training loss summed over batches divided by the number of training
 * instances (vugrad's "running loss"), and the validation accuracy after the epoch.
 */
public record EpochResult(int epoch, double runningLoss, double validationAccuracy, double seconds) {}
