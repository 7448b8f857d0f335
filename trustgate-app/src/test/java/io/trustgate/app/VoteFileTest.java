package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.assess.ratings.BattleCounts;
import io.trustgate.assess.ratings.BattleReader;
import io.trustgate.assess.ratings.Outcome;
import io.trustgate.gateway.VoteSink;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoteFileTest {
    @TempDir
    Path dir;

    @Test
    void storedVotesAreBattlesTheRatingsRead() {
        try (VoteFile f = new VoteFile(dir)) {
            f.record(new VoteSink.Vote("vote_1", Instant.EPOCH, "req_1", "key_1", "m1", "m2", "model_a"));
            f.record(new VoteSink.Vote("vote_2", Instant.EPOCH, "req_2", "key_1", "m2", "m1", "tie (bothbad)"));
        }
        BattleCounts c = BattleReader.read(VoteFile.file(dir), BattleReader.Format.AUTO);
        assertThat(c.total()).isEqualTo(2);
        assertThat(c.total(Outcome.TIE_BOTH_BAD)).isEqualTo(1);
    }
}
