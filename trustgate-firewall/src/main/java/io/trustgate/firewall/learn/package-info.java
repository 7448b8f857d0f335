/**
 * The firewall's learned classifiers: a {@link io.trustgate.firewall.learn.Featurizer} turns a text into a sparse
 * vector, a {@link io.trustgate.firewall.learn.LinearModel} scores it, and a
 * {@link io.trustgate.firewall.learn.Trainer} fits the model by logistic regression. Training and its cross-source
 * evaluation ({@link io.trustgate.firewall.learn.CrossSource}) live here so that the {@code trustgate train} command
 * and the tests run the very code that produced the committed weights. Depends on nothing outside the JDK.
 */
package io.trustgate.firewall.learn;
