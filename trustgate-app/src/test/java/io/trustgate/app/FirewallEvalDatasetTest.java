package io.trustgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errors of {@code trustgate firewall eval}'s dataset readers: one line naming {@code file:line} in our own words,
 * never any text of the data file (it holds secrets and prompts: "texts are never printed"), and exit status 2. Every
 * bad fixture carries the marker {@value #SECRET}; no message may contain it.
 */
class FirewallEvalDatasetTest {
    /** Stands for a secret in a data file (a fake GitHub token). */
    private static final String SECRET = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** The message of the error reading the file, which must not quote the data. */
    private static String error(Path file, String format) {
        CliException e = catchThrowableOfType(CliException.class, () -> EvalDataset.read(file, format));
        assertThat(e).as("%s as %s", file.getFileName(), format).isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage().toLowerCase(Locale.ROOT))
                .as("%s as %s", file.getFileName(), format)
                .doesNotContain(SECRET.toLowerCase(Locale.ROOT))
                .doesNotContain("ghp_")
                .doesNotContain("fasterxml")
                .doesNotContain("exception")
                .doesNotContain("token");
        assertThat(e.getMessage()).hasLineCount(1);
        return e.getMessage();
    }

    @Test
    void aBadJsonLineNamesItsLineAndColumnButNotTheToken() throws Exception {
        Path f = write(
                "bad.jsonl", "{\"text\": \"fine\", \"spans\": []}\n" + "{\"text\": " + SECRET + ", \"label\": true}\n");
        assertThat(error(f, "auto")).isEqualTo(f + ":2: not valid JSON (column 10)");
        assertThat(error(f, "jsonl")).isEqualTo(f + ":2: not valid JSON (column 10)");
        assertThat(error(f, "spans")).isEqualTo(f + ":2: not valid JSON (column 10)");
    }

    @Test
    void aJsonLineThatEndsInsideAStringSaysSo() throws Exception {
        Path f = write("cut.jsonl", "{\"text\": \"my key is " + SECRET + "\n");
        assertThat(error(f, "jsonl")).startsWith(f + ":1: not valid JSON (it ends inside a value, column ");
    }

    @Test
    void aJsonlFileReadAsOneJsonDocumentNamesTheSecondValueInOurWords() throws Exception {
        Path f = write(
                "attacks.jsonl",
                "{\"text\": \"" + SECRET + "\", \"label\": true}\n" + "{\"text\": \"" + SECRET
                        + "\", \"label\": false}\n");
        for (String format : List.of("garak", "jbb", "bipia")) {
            Path g = format.equals("bipia") ? write("attacks.json", Files.readString(f)) : f;
            assertThat(error(g, format))
                    .as(format)
                    .isEqualTo(g + ":2: not valid JSON (a second value after the first, column 1)")
                    .doesNotContain("START_OBJECT", "JsonNode", "bound as");
        }
        Path json = write("attacks.json", Files.readString(f));
        assertThat(error(json, "auto"))
                .isEqualTo(json + ":2: not valid JSON (a second value after the first, column 1)");
    }

    @Test
    void aCsvWithoutItsColumnsCountsTheHeaderFieldsAndNamesTheExpectedOnes() throws Exception {
        Path f = write("keys.csv", "my aws key is AKIAQWERTYUIOPASDFGH " + SECRET + ",true\nhello,false\n");
        assertThat(error(f, "csv"))
                .isEqualTo(f + ":1: no \"text\" column (the header has 2 fields; expected text,"
                        + " label and optionally category)");
        assertThat(error(f, "auto")).startsWith(f + ":1: no \"text\" column (the header has 2 fields;");
        assertThat(error(f, "xstest"))
                .isEqualTo(f + ":1: no \"prompt\" column (the header has 2 fields; expected" + " prompt, type, label)");
        assertThat(error(f, "awesome"))
                .isEqualTo(f + ":1: no \"act\" column (the header has 2 fields; expected act," + " prompt)");
        assertThat(error(f, "refusal")).startsWith(f + ":1: no \"completion\" column (the header has 2 fields;");
        assertThat(error(f, "toxicity")).startsWith(f + ":1: no \"text\" column (the header has 2 fields;");
        for (String e : List.of(error(f, "csv"), error(f, "xstest"), error(f, "toxicity"))) {
            assertThat(e.toLowerCase(Locale.ROOT)).doesNotContain("akia", "my aws key", "true");
        }
    }

    @Test
    void aBadLabelIsNotQuoted() throws Exception {
        Path jsonl = write("l.jsonl", "{\"text\": \"x\", \"label\": \"" + SECRET + "\"}\n");
        assertThat(error(jsonl, "jsonl"))
                .isEqualTo(jsonl + ":1: \"label\" must be true or false (or 1, 0, or a word such as attack or"
                        + " benign), was another string");
        Path obj = write("o.jsonl", "{\"text\": \"x\", \"label\": {\"k\": \"" + SECRET + "\"}}\n");
        assertThat(error(obj, "jsonl")).endsWith(", was an object");
        Path csv = write("l.csv", "text,label\nhello," + SECRET + "\n");
        assertThat(error(csv, "csv"))
                .isEqualTo(csv + ":2: label must be true or false (or 1, 0, or a word such as" + " attack or benign)");
        Path xs = write("x.csv", "id,prompt,type,label\n1,hi,homonyms," + SECRET + "\n");
        assertThat(error(xs, "xstest")).isEqualTo(xs + ":2: label must be safe or unsafe");
    }

    @Test
    void garakErrorsNameTheLineNotTheCategory() throws Exception {
        Path notList = write("g.json", "{\n  \"ok\": [\"a\"],\n  \"" + SECRET + "\": \"b\"\n}\n");
        assertThat(error(notList, "garak")).isEqualTo(notList + ":3: a category's value is not a list of prompts");
        Path notString = write("h.json", "{\"" + SECRET + "\": [\n  \"a\",\n  5\n]}\n");
        assertThat(error(notString, "garak")).isEqualTo(notString + ":3: expected a string prompt, found a number");
        Path array = write("i.json", "[\"" + SECRET + "\", {\"x\": 1}]");
        assertThat(error(array, "garak")).isEqualTo(array + ":1: expected a string prompt, found an object");
        Path scalar = write("j.json", "\"" + SECRET + "\"");
        assertThat(error(scalar, "garak"))
                .isEqualTo(scalar + ":1: expected a JSON array of prompts or an object of lists");
    }

    @Test
    void garakDataReadsAsBefore() throws Exception {
        Path f = write(
                "attacks.json",
                "{\"a\": [\"one {generator.name}\", \"two\"], \"b\": [], \"a\": [\"three\"]," + " \"c\": [\"four\"]}");
        EvalDataset.Data d = EvalDataset.read(f, "auto");
        assertThat(d.format()).isEqualTo("garak");
        // a repeated key replaces the earlier list where it stood, as a JSON object tree does
        assertThat(d.labelled())
                .extracting(EvalDataset.Labelled::text, EvalDataset.Labelled::category)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("three", "a"),
                        org.assertj.core.groups.Tuple.tuple("four", "c"));
        Path list = write("inthewild.json", "[\"hi {generator.name}\", \"there\"]");
        assertThat(EvalDataset.read(list, "auto").labelled())
                .extracting(EvalDataset.Labelled::text, EvalDataset.Labelled::category)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hi ChatGPT", "inthewild"),
                        org.assertj.core.groups.Tuple.tuple("there", "inthewild"));
    }

    @Test
    void noFormatQuotesTheDataOfAMalformedFile() throws Exception {
        List<String> contents = List.of(
                "{\"text\": " + SECRET + "}\n",
                "{\"text\": \"" + SECRET + "\"}\n",
                "{\"text\": \"a\", \"label\": \"" + SECRET + "\", \"category\": \"" + SECRET + "\"}\n",
                "{\"text\": \"a\", \"spans\": [{\"type\": \"" + SECRET + "\", \"start\": 0, \"end\": 9}]}\n",
                "{\"" + SECRET + "\": 1}\n{\"" + SECRET + "\": 2}\n",
                "[\"" + SECRET + "\", 1]",
                "{\"" + SECRET + "\": {\"x\": [1]}}",
                "{\"jailbreaks\": 1, \"" + SECRET + "\": 2}",
                SECRET + ",label\n" + SECRET + "," + SECRET + "\n",
                "text,label,is_toxic,prompt,type,act,completion,final_label\n"
                        + SECRET + "," + SECRET + "," + SECRET + "," + SECRET + "," + SECRET + "," + SECRET + ","
                        + SECRET + "," + SECRET + "\n",
                "\"" + SECRET + ",x\n",
                "not json " + SECRET + "\n");
        for (String name : List.of("data.jsonl", "data.json", "data.csv")) {
            for (String content : contents) {
                Path f = write(name, content);
                for (String format : EvalDataset.FORMATS) {
                    try {
                        EvalDataset.read(f, format);
                    } catch (CliException e) {
                        error(f, format); // asserts the message quotes nothing of the file
                    }
                }
            }
        }
    }

    @Test
    void anEmptyDatasetIsAnErrorWhateverTheFormat() throws Exception {
        for (String name : List.of("empty.jsonl", "empty.json", "empty.csv")) {
            Path f = write(name, "");
            for (String format : EvalDataset.FORMATS) {
                assertThat(error(f, format)).as(format).isEqualTo(f + ": no records");
            }
        }
        for (String content : List.of("\n\n  \n", "\uFEFF")) {
            Path f = write("blank.jsonl", content);
            assertThat(error(f, "auto")).isEqualTo(f + ": no records");
        }
        Path header = write("only-header.csv", "text,label\n");
        assertThat(error(header, "auto")).isEqualTo(header + ": no records");
        assertThat(error(header, "csv")).isEqualTo(header + ": no records");
        Path xstest = write("xs.csv", "id,prompt,type,label,focus,note\n");
        assertThat(error(xstest, "auto")).isEqualTo(xstest + ": no records");
        Path emptyList = write("none.json", "[]");
        assertThat(error(emptyList, "garak")).isEqualTo(emptyList + ": no records");
        Path emptyLists = write("lists.json", "{\"a\": [], \"b\": []}");
        assertThat(error(emptyLists, "garak")).isEqualTo(emptyLists + ": no records");
        Path noPrompts = write("jbb.json", "{\"jailbreaks\": [{\"prompt\": null}, {\"prompt\": null}]}");
        assertThat(error(noPrompts, "auto")).isEqualTo(noPrompts + ": no records (2 without a prompt skipped)");

        CliTest.Result r = CliTest.run(
                "firewall",
                "eval",
                "--scanner",
                "pii",
                "--format",
                "jsonl",
                "--input",
                dir.resolve("empty.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("trustgate: " + dir.resolve("empty.jsonl") + ": no records" + System.lineSeparator());
    }

    @Test
    void theFirstRecordIsFoundAfterBlankLines() throws Exception {
        Path f = write("late.jsonl", "\n\n{\"text\": " + SECRET + "}\n");
        assertThat(error(f, "auto")).isEqualTo(f + ":3: not valid JSON (column 10)");
        Path unknown = write("unknown.jsonl", "\n{\"" + SECRET + "\": 1}\n");
        assertThat(error(unknown, "auto")).startsWith(unknown + ":2: cannot tell the format");
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        CliTest.Result eval = CliTest.run("firewall", "eval", "--scanner", "pii", "--input", dir.toString());
        assertThat(eval.code()).isEqualTo(2);
        assertThat(eval.err()).isEqualTo("trustgate: input file is a directory: " + dir + System.lineSeparator());
        CliTest.Result scan = CliTest.run("firewall", "scan", "--input", dir.toString());
        assertThat(scan.code()).isEqualTo(2);
        assertThat(scan.err()).isEqualTo("trustgate: input file is a directory: " + dir + System.lineSeparator());
        CliTest.Result missing = CliTest.run(
                "firewall", "scan", "--input", dir.resolve("nope.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("input file not found: ");
    }

    @Test
    void aSpanMustStartBeforeItEnds() throws Exception {
        Path empty = write(
                "s.jsonl",
                "{\"text\": \"abcdefghijklmnopqrst\", \"spans\": [{\"type\": \"X\", \"start\": 5,"
                        + " \"end\": 5}]}\n");
        assertThat(error(empty, "auto")).isEqualTo(empty + ":1: span 5..5: a span's start must be less than its end");
        Path backwards = write(
                "b.jsonl",
                "{\"text\": \"abcdefghijklmnopqrst\", \"spans\": [{\"type\": \"X\", \"start\":"
                        + " 7, \"end\": 3}]}\n");
        assertThat(error(backwards, "auto"))
                .isEqualTo(backwards + ":1: span 7..3: a span's start must be less than its end");
        Path outside = write(
                "o.jsonl",
                "{\"text\": \"abcdefghijklmnopqrst\", \"spans\": [{\"type\": \"X\", \"start\": 5,"
                        + " \"end\": 21}]}\n");
        assertThat(error(outside, "auto")).isEqualTo(outside + ":1: span 5..21 is not inside the text (length 20)");
    }
}
