-- Virtual API keys: only the SHA-256 of a key is stored, never the key.
CREATE TABLE api_keys (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(128) NOT NULL UNIQUE,
    tenant      VARCHAR(128) NOT NULL,
    tier        VARCHAR(64)  NOT NULL,
    key_hash    CHAR(64)     NOT NULL UNIQUE,
    key_prefix  VARCHAR(16)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT
);
