package io.trustgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.gateway.VoteSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Votes as battles, one JSON object per line in FastChat's format ({@code model_a}, {@code model_b}, {@code winner},
 * plus {@code id}, {@code time}, {@code key_id}) in {@code <data-dir>/votes/votes.jsonl}: what
 * {@code trustgate assess ratings --battles} reads. Each vote is synced before the client is told it was recorded.
 */
final class VoteFile implements VoteSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileChannel channel;
    private final Path file;

    VoteFile(Path dataDir) {
        this.file = dataDir.resolve("votes").resolve("votes.jsonl");
        try {
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    static Path file(Path dataDir) {
        return dataDir.resolve("votes").resolve("votes.jsonl");
    }

    @Override
    public synchronized void record(Vote v) {
        String line = JSON.createObjectNode()
                        .put("model_a", v.modelA())
                        .put("model_b", v.modelB())
                        .put("winner", v.winner())
                        .put("id", v.id())
                        .put("time", v.time().toString())
                        .put("key_id", v.keyId())
                        .toString()
                + "\n";
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a vote to " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing buffered: every vote was synced when written
        }
    }
}
