/**
 * The course's experiments (initialization, regularization, vanishing gradients) as reproducible
 * runs that print a markdown table.
 */
package io.densetrain.experiment;
