package org.lectern.train;

/** One epoch's measurements; validation values are NaN when there was no validation data. */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double lr, double seconds) {}
