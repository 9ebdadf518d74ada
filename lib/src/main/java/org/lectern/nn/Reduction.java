package org.lectern.nn;

/** How a loss combines per-example values: their mean (default), their sum, or none (one per example). */
public enum Reduction {
    MEAN, SUM, NONE
}
