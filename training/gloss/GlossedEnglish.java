import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decision 033's check: which words of our English texts the loaded glossary glosses. Counts the lower-case ASCII
 * words of the English training files (training/corpus/en-*.jsonl, docs-en.jsonl, persuasion-en.jsonl: their "text"
 * fields) and of every file under ../shared/datasets/benign (read as plain text), and prints, most frequent first,
 * each word of at least MIN occurrences that {@code Gloss.english} maps to English words, then how many there are.
 *
 * <p>Usage, from the repository root: {@code java -cp trustgate-app/target/trustgate.jar
 * training/gloss/GlossedEnglish.java [MIN]} (default 1).
 */
public class GlossedEnglish {
    public static void main(String[] args) throws Exception {
        int min = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Map<String, Integer> counts = new HashMap<>();
        Pattern word = Pattern.compile("[a-z]+");
        ObjectMapper json = new ObjectMapper();
        List<Path> englishFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("training/corpus"))) {
            files.filter(p -> p.getFileName().toString().matches("en-.*\\.jsonl|docs-en\\.jsonl|persuasion-en\\.jsonl"))
                    .sorted()
                    .forEach(englishFiles::add);
        }
        List<String> texts = new ArrayList<>();
        for (Path p : englishFiles) {
            for (String line : Files.readAllLines(p)) {
                if (!line.isBlank()) {
                    texts.add(json.readTree(line).path("text").asText());
                }
            }
        }
        Path benign = Path.of("../shared/datasets/benign");
        if (Files.isDirectory(benign)) {
            try (Stream<Path> files = Files.walk(benign)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    texts.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                }
            }
        } else {
            System.err.println("../shared/datasets/benign not found: the training files only");
        }
        for (String t : texts) {
            Matcher m = word.matcher(t.toLowerCase(Locale.ROOT));
            while (m.find()) {
                counts.merge(m.group(), 1, Integer::sum);
            }
        }
        Method english = Class.forName("io.trustgate.firewall.learn.Gloss").getDeclaredMethod("english", int.class);
        Method hash = Class.forName("io.trustgate.firewall.learn.Concepts").getDeclaredMethod("wordHash", String.class);
        english.setAccessible(true);
        hash.setAccessible(true);
        int found = 0;
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Integer> e : sorted) {
            if (e.getValue() >= min && ((int[]) english.invoke(null, hash.invoke(null, e.getKey()))).length > 0) {
                System.out.println(e.getValue() + "\t" + e.getKey());
                found++;
            }
        }
        System.out.println(found + " glossed words of at least " + min + " occurrences");
    }
}
