package io.trustgate.assess.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run reaches a model. The app implements it over HTTP against the gateway's OpenAI-compatible
 * {@code /v1/chat/completions} with a virtual key, so that assessment traffic is authenticated, rate-limited and
 * audited like any other; tests implement it in memory. Implementations are thread-safe and never throw for a failed
 * call: they return a {@link Reply.Failure} saying whether trying again may help, or a {@link Reply.Fatal} when no
 * call of the run can succeed.
 */
public interface ModelClient {
    Reply chat(ChatRequest request) throws InterruptedException;

    /** One chat message. */
    record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A chat call.
     *
     * @param model the model name as the gateway knows it
     * @param system the system prompt, if any
     * @param messages the conversation (usually one user message)
     * @param temperature sampling temperature (0 for reproducible grading)
     * @param maxTokens the answer's token budget
     */
    record ChatRequest(
            String model, Optional<String> system, List<Message> messages, double temperature, int maxTokens) {
        public ChatRequest {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(system, "system");
            messages = List.copyOf(messages);
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a chat request needs a message");
            }
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("max tokens must be >= 1, was " + maxTokens);
            }
        }

        public static ChatRequest user(
                String model, Optional<String> system, String prompt, double temperature, int maxTokens) {
            return new ChatRequest(model, system, List.of(new Message("user", prompt)), temperature, maxTokens);
        }

        @Override
        public String toString() {
            return "ChatRequest[" + model + ", " + messages.size() + " messages]"; // never the prompts
        }
    }

    /** What came back. */
    sealed interface Reply {
        /** The model answered. */
        record Answer(String text) implements Reply {
            public Answer {
                Objects.requireNonNull(text, "text");
            }
        }

        /** The gateway's firewall blocked the request or the answer: for grading, a refusal by the system. */
        record Blocked(String reason) implements Reply {
            public Blocked {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /**
         * The call failed.
         *
         * @param retryable whether trying again may succeed (429, 5xx, timeouts, dropped connections)
         * @param message what happened, for the journal and the user
         * @param retryAfter how long the server asked to wait, if it said
         */
        record Failure(boolean retryable, String message, Optional<Duration> retryAfter) implements Reply {
            public Failure {
                Objects.requireNonNull(message, "message");
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }

        /**
         * No call of this run can succeed: the key is refused (401, 403) or the model is unknown (404). Kept apart
         * from {@link Failure} (collect and go on) so that a run stops at once rather than failing every sample.
         *
         * @param message what happened and what to change, for the user
         */
        record Fatal(String message) implements Reply {
            public Fatal {
                Objects.requireNonNull(message, "message");
            }
        }
    }
}
