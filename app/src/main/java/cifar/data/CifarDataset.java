package cifar.data;

/**
 * CIFAR-10 as read from its files, 50,000 training and 10,000 test images, shared by every run
 * set up from one load ({@link CifarLoader}).
 */
public record CifarDataset(CifarSplit train, CifarSplit test) {}
