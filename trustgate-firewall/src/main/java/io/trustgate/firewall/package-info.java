/**
 * The AI firewall: a shared normaliser, the input and output scanners, and the chain that applies each scanner's
 * action (block, redact, flag). Depends only on the API; knows nothing of HTTP, so the same chain serves the gateway
 * and the {@code trustgate firewall} commands.
 */
package io.trustgate.firewall;
