package io.trustgate.assess.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BattleReaderTest {
    @TempDir
    Path dir;

    private static final BattleReader.Limits LIMITS = BattleReader.Limits.DEFAULTS;

    private static BattleCounts jsonl(String text) {
        return BattleReader.readJsonl(new StringReader(text), "battles.jsonl", LIMITS);
    }

    private static BattleCounts leaderbot(String text) {
        return BattleReader.readLeaderbot(new StringReader(text), "arena.json", LIMITS);
    }

    @Test
    void readsFastChatBattlesAndIgnoresTheirOtherFields() {
        BattleCounts c = jsonl("""
                {"question_id": "q1", "model_a": "gpt-4", "model_b": "claude-1", "winner": "model_a", "anony": true}
                {"model_a": "claude-1", "model_b": "gpt-4", "winner": "model_a", "conv_metadata": {"x": [1, 2]}}

                {"model_a": "gpt-4", "model_b": "claude-1", "winner": "tie"}
                {"model_a": "gpt-4", "model_b": "vicuna", "winner": "tie (bothbad)"}
                {"model_b": "vicuna", "winner": "model_b", "model_a": "claude-1"}""");
        assertThat(c.models()).containsExactly("gpt-4", "claude-1", "vicuna");
        assertThat(c.pairs()).isEqualTo(3);
        assertThat(c.total()).isEqualTo(5);
        // gpt-4 vs claude-1, seen from gpt-4: one win, one loss (claude-1 won as model_a), one tie.
        assertThat(c.count(0, Outcome.A_WINS)).isEqualTo(1);
        assertThat(c.count(0, Outcome.B_WINS)).isEqualTo(1);
        assertThat(c.count(0, Outcome.TIE)).isEqualTo(1);
        assertThat(c.count(1, Outcome.TIE_BOTH_BAD)).isEqualTo(1);
        assertThat(c.battles(0)).isEqualTo(4);
    }

    @Test
    void namesTheLineOfEachJsonlProblem() {
        String ok = "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"}\n";
        assertThatThrownBy(() -> jsonl(ok + "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"a\"}"))
                .isInstanceOf(BattleFormatException.class)
                .hasMessage("battles.jsonl:2: winner must be model_a, model_b, tie or 'tie (bothbad)', was 'a'")
                .extracting(e -> ((BattleFormatException) e).line())
                .isEqualTo(2L);
        assertThatThrownBy(() -> jsonl(ok + ok + "{\"model_a\": \"a\", \"winner\": \"tie\"}\n"))
                .hasMessage("battles.jsonl:3: missing model_b");
        assertThatThrownBy(() -> jsonl("{\"model_a\": \"a\", \"model_b\": \"a\", \"winner\": \"tie\"}"))
                .hasMessage("battles.jsonl:1: model_a and model_b are the same model 'a'");
        assertThatThrownBy(() -> jsonl(ok + "{\"model_a\": 3, \"model_b\": \"b\", \"winner\": \"tie\"}"))
                .hasMessage("battles.jsonl:2: model_a must be a string");
        assertThatThrownBy(() -> jsonl(ok + "[1, 2]")).hasMessage("battles.jsonl:2: expected one JSON object per line");
        assertThatThrownBy(() -> jsonl(ok + ok + "{\"model_a\": \"a\","))
                .hasMessageStartingWith("battles.jsonl:3: not" + " JSON");
        assertThatThrownBy(() -> jsonl(ok + "{} {}")).hasMessageStartingWith("battles.jsonl:2: ");
        assertThatThrownBy(() ->
                        jsonl("{\"model_a\": \"a\", \"model_a\": \"c\", \"model_b\": \"b\", \"winner\":" + " \"tie\"}"))
                .hasMessageStartingWith("battles.jsonl:1: not JSON: Duplicate field 'model_a'");
        assertThatThrownBy(() -> jsonl("{\"model_a\": \"a\\u001b[31m\", \"model_b\": \"b\", \"winner\": \"tie\"}"))
                .hasMessage("battles.jsonl:1: control character in model name");
        assertThatThrownBy(() -> jsonl("\n\n")).hasMessage("battles.jsonl: no battles");
    }

    @Test
    void enforcesItsLimits() {
        BattleReader.Limits small = new BattleReader.Limits(10_000, 80, 3, 10, 2);
        String ok = "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\"}\n";
        assertThatThrownBy(() -> BattleReader.readJsonl(
                        new StringReader(ok + "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"model_a\","
                                + " \"padding\": \"" + "x".repeat(100) + "\"}\n"),
                        "f",
                        small))
                .hasMessage("f:2: line longer than 80 characters");
        assertThatThrownBy(() -> BattleReader.readJsonl(new StringReader(ok.repeat(300)), "f", small))
                .hasMessage("f: file longer than 10000 characters");
        assertThatThrownBy(() -> BattleReader.readJsonl(
                        new StringReader(ok + "{\"model_a\": \"c\", \"model_b\": \"d\", \"winner\": \"tie\"}"),
                        "f",
                        small))
                .hasMessage("f:2: more than 3 models");
        assertThatThrownBy(() -> BattleReader.readJsonl(
                        new StringReader("{\"model_a\": \"abcdefghijk\", \"model_b\": \"d\", \"winner\": \"tie\"}"),
                        "f",
                        small))
                .hasMessage("f:1: model name longer than 10 characters");
        assertThatThrownBy(() -> BattleReader.readLeaderbot(
                        new StringReader("{\"models\": [\"a\", \"b\"], \"X\": [[0, 1], [0, 1], [0, 1]], \"Y\": []}"),
                        "f",
                        small))
                .hasMessage("f:1: more than 2 rows in X");
    }

    @Test
    void readsLeaderbotAggregatesInEitherPairOrder() {
        BattleCounts c = leaderbot("""
                {"models": ["a", "b", "c", "unused"],
                 "X": [[0, 1], [2, 1], [0, 1]],
                 "Y": [[3, 1, 1, 0], [5, 0, 0, 2], [1, 0, 0, 0]]}""");
        assertThat(c.models()).containsExactly("a", "b", "c"); // a model without battles has no rating
        assertThat(c.total()).isEqualTo(13);
        assertThat(c.count(0, Outcome.A_WINS)).isEqualTo(4);
        assertThat(c.battles(2)).isEqualTo(7);
        assertThat(c.count(1, Outcome.B_WINS)).isEqualTo(5); // stored as (b, c): c's 5 wins are the second's
    }

    @Test
    void explainsLeaderbotProblems() {
        assertThatThrownBy(() -> leaderbot("{\"models\": [\"a\", \"b\"], \"X\": [[0, 1]], \"Y\": [[1, 2, 3]]}"))
                .hasMessageContaining("older archive format");
        assertThatThrownBy(() -> leaderbot("{\"models\": [\"a\", \"b\"], \"X\": [[0, 2]], \"Y\": [[1, 2, 3, 4]]}"))
                .hasMessage("arena.json:1: X row 0: model index out of range (2 models)");
        assertThatThrownBy(() -> leaderbot("{\"models\": [\"a\", \"b\"], \"X\": [[0, 1]], \"Y\": [[1, -2, 3, 4]]}"))
                .hasMessageContaining("non-negative integers");
        assertThatThrownBy(() -> leaderbot("{\"models\": [\"a\", \"a\"], \"X\": [], \"Y\": []}"))
                .hasMessage("arena.json:1: model listed twice: 'a'");
        assertThatThrownBy(() -> leaderbot("{\"models\": [\"a\", \"b\"], \"X\": [[0, 1]]}"))
                .hasMessage("arena.json: leaderbot JSON needs the fields models, X and Y");
        assertThatThrownBy(() -> leaderbot("{\"models\": [\"a\", \"b\"], \"X\": [[0, 1]], \"Y\": []}"))
                .hasMessage("arena.json: X has 1 rows but Y has 0");
        assertThatThrownBy(() -> leaderbot(
                        "{\"models\": [\"a\", \"b\"], \"X\": [[0, 1]], \"Y\": [[1, 99999999999999999999, 3, 4]]}"))
                .hasMessageContaining("out of range");
    }

    @Test
    void detectsTheFormatFromTheFirstObject() throws IOException {
        Path j = dir.resolve("b.txt");
        Files.writeString(j, "{\"tstamp\": 1.5, \"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"}\n");
        assertThat(BattleReader.read(j, BattleReader.Format.AUTO).total()).isEqualTo(1);
        Path l = dir.resolve("l.json");
        Files.writeString(l, "{\"models\": [\"a\", \"b\"], \"X\": [[0, 1]], \"Y\": [[1, 2, 3, 4]]}");
        assertThat(BattleReader.read(l, BattleReader.Format.AUTO).total()).isEqualTo(10);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"foo\": 1}");
        assertThatThrownBy(() -> BattleReader.read(bad, BattleReader.Format.AUTO))
                .isInstanceOf(BattleFormatException.class)
                .hasMessageContaining("cannot tell the format");
        Path latin = dir.resolve("latin.jsonl");
        Files.write(
                latin,
                "{\"model_a\": \"caf\u00e9\", \"model_b\": \"b\", \"winner\": \"tie\"}"
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> BattleReader.read(latin, BattleReader.Format.JSONL))
                .isInstanceOf(BattleFormatException.class)
                .hasMessage("latin.jsonl: not UTF-8 text");
        assertThatThrownBy(() -> BattleReader.read(dir.resolve("missing"), BattleReader.Format.AUTO))
                .hasMessage("missing: no such file");
    }

    @Test
    void jsonlOfTheArenaBattlesGivesTheSameCountsAsTheAggregate() throws Exception {
        BattleCounts arena = BattleReader.read(
                ArenaGoldenTest.resource("chatbotarena_20240814.json"), BattleReader.Format.LEADERBOT);
        // Expand a slice of pairs into one line per battle and read it back.
        StringBuilder sb = new StringBuilder();
        BattleCounts.Builder expected = BattleCounts.builder();
        for (int p = 0; p < 40; p++) {
            String a = arena.models().get(arena.first(p));
            String b = arena.models().get(arena.second(p));
            for (Outcome o : Outcome.values()) {
                long n = arena.count(p, o);
                expected.add(a, b, o, n);
                for (long k = 0; k < n; k++) {
                    boolean swap = k % 2 == 1; // half the lines list the models the other way round
                    sb.append("{\"model_a\": \"")
                            .append(swap ? b : a)
                            .append("\", \"model_b\": \"")
                            .append(swap ? a : b)
                            .append("\", \"winner\": \"")
                            .append((swap ? o.swapped() : o).wire())
                            .append("\"}\n");
                }
            }
        }
        BattleCounts fromLines = jsonl(sb.toString());
        BattleCounts want = expected.build();
        assertThat(fromLines.total()).isEqualTo(want.total());
        assertThat(fromLines.models()).isEqualTo(want.models());
        assertThat(fromLines.pairs()).isEqualTo(want.pairs());
        for (int p = 0; p < want.pairs(); p++) {
            assertThat(fromLines.first(p)).isEqualTo(want.first(p));
            assertThat(fromLines.second(p)).isEqualTo(want.second(p));
            for (Outcome o : Outcome.values()) {
                assertThat(fromLines.count(p, o)).isEqualTo(want.count(p, o));
            }
        }
    }
}
