package io.trustgate.assess.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run ids name folders: only ids of the store's own shape are accepted, so none names a folder outside it. */
class RunStoreTest {
    @TempDir
    Path data;

    static final List<String> NOT_IDS = List.of(
            "..",
            ".",
            "",
            "../../../etc",
            "/etc",
            "a/b",
            "..\\..",
            "20261126-093000-xstest-1a2b/..",
            "20261126-093000-xstest-1a2b\n",
            "xstest",
            "20261126-093000-xstest-1A2B",
            "2026112-093000-xstest-1a2b");

    @Test
    void anIdThatIsNotTheStoresShapeIsRefusedByEveryMethod() throws Exception {
        // QA pass 5 D9: '..' was a valid run id for meta(), so the store read the data folder's own run.json
        RunStore store = new RunStore(data);
        RunMeta planted = RunnerTest.meta(RunnerTest.id(1));
        Files.writeString(data.resolve(RunStore.META), planted.toJson().toString(), StandardCharsets.UTF_8);
        Files.writeString(data.resolve(RunStore.JOURNAL), "", StandardCharsets.UTF_8);
        List<Consumer<String>> uses = List.of(
                store::dir,
                store::meta,
                store::results,
                store::finished,
                store::delete,
                id -> store.journal(id).close());
        for (String id : NOT_IDS) {
            for (Consumer<String> use : uses) {
                assertThatThrownBy(() -> use.accept(id))
                        .as("'%s'", id)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("is not a run id")
                        .hasMessageNotContaining("\n");
            }
        }
        assertThat(data.resolve(RunStore.META)).exists();
        assertThat(data.resolve(RunStore.JOURNAL)).isEmptyFile();
    }

    @Test
    void aRunMetaWithAnIdOfAnotherShapeCannotBeMade() {
        for (String id : NOT_IDS) {
            assertThatThrownBy(() -> RunnerTest.meta(id))
                    .as("'%s'", id)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a run id");
        }
    }

    @Test
    void newIdsHaveTheShapeAndNameTheSuite() {
        Instant t = Instant.parse("2026-11-26T09:30:00Z");
        assertThat(RunStore.newId(t, "xstest")).matches("20261126-093000-xstest-[0-9a-f]{4}");
        assertThat(RunStore.newId(t, "my suite/../x")).matches("20261126-093000-my_suite_.._x-[0-9a-f]{4}");
        // a long user-suite file name is cut: the id still has the shape
        String longName = RunStore.newId(t, "s".repeat(300));
        assertThat(RunStore.isId(longName)).isTrue();
        assertThat(longName).hasSizeLessThanOrEqualTo(100);
        assertThat(RunStore.isId(RunStore.newId(t, ""))).isTrue();
    }

    @Test
    void foldersThatAreNotRunsAreNotListed() throws Exception {
        RunStore store = new RunStore(data);
        RunMeta m = RunnerTest.meta(RunStore.newId(Instant.parse("2026-11-26T00:00:00Z"), "test"));
        store.create(m);
        Files.createDirectories(data.resolve("assessments").resolve("backup"));
        Files.writeString(
                data.resolve("assessments").resolve("backup").resolve(RunStore.META),
                m.toJson().toString());
        assertThat(store.list()).extracting(RunMeta::id).containsExactly(m.id());
    }
}
