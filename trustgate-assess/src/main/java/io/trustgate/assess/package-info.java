/**
 * Test: assessments run against any model (capability, red-team, bias, over-refusal suites), pairwise ratings
 * (Bradley-Terry on the Elo scale, as Chatbot Arena computes them) and scans of model files for supply-chain attacks.
 * Depends only on the API; it reaches models through an interface that the app implements over the gateway.
 */
package io.trustgate.assess;
