-- One row per API call: tokens, cost (currency micro-units), latency (microseconds), status. No prompt text.
CREATE TABLE usage_records (
    id                INTEGER      PRIMARY KEY,
    at_ms             BIGINT       NOT NULL,
    request_id        VARCHAR(64)  NOT NULL,
    key_id            VARCHAR(64)  NOT NULL,
    tenant            VARCHAR(128) NOT NULL,
    tier              VARCHAR(64)  NOT NULL,
    model_requested   VARCHAR(256) NOT NULL,
    model_served      VARCHAR(256) NOT NULL,
    provider          VARCHAR(64)  NOT NULL,
    prompt_tokens     BIGINT       NOT NULL,
    completion_tokens BIGINT       NOT NULL,
    cost_micros       BIGINT       NOT NULL,
    latency_us        BIGINT       NOT NULL,
    status            INTEGER      NOT NULL,
    error_code        VARCHAR(64)  NOT NULL,
    attempts          INTEGER      NOT NULL
);
CREATE INDEX usage_records_at ON usage_records (at_ms);
CREATE INDEX usage_records_key_at ON usage_records (key_id, at_ms);
