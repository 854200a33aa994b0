package cifar.vugrad.data;

/** A training split, a validation split and the number of classes (vugrad's load_* result). */
public record Dataset(Split train, Split validation, int numClasses) {}
