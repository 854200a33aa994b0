package cifar.data;

/**
 * CIFAR-10 loaded once per process: 50,000 training and 10,000 test images, shared by every
 * run of that process.
 */
public record CifarDataset(CifarSplit train, CifarSplit test) {}
