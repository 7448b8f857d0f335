import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the injection training samples, exactly those `trustgate train injection` reads (public datasets, grammar,
 * hand-written corpus), as JSONL (text, positive, source, genre). Run from the repository root with the application
 * jar on the class path; TrainingData is package-private, hence the reflection. Usage: Dump OUT.jsonl
 */
public class Dump {
    public static void main(String[] a) throws Exception {
        Class<?> td = Class.forName("io.trustgate.app.TrainingData");
        Method m = td.getDeclaredMethod("injection", Path.class, Optional.class, Optional.class);
        m.setAccessible(true);
        List<?> samples = (List<?>) m.invoke(null, Path.of("../shared/datasets"),
                Optional.of(Path.of("training/injection.grammar")), Optional.of(Path.of("training/corpus")));
        ObjectMapper om = new ObjectMapper();
        try (var w = Files.newBufferedWriter(Path.of(a[0]))) {
            for (Object s : samples) {
                Map<String, Object> o = new LinkedHashMap<>();
                for (String f : List.of("text", "positive", "source", "genre")) {
                    Method g = s.getClass().getMethod(f);
                    g.setAccessible(true);
                    o.put(f, g.invoke(s));
                }
                w.write(om.writeValueAsString(o));
                w.newLine();
            }
        }
        System.out.println(samples.size());
    }
}
