import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints, after {@code ./dev test}, how many tests ran, failed and were skipped, and why the skipped ones were
 * skipped (grouped by reason, with the test classes), from the Surefire XML reports under
 * {@code * /target/surefire-reports/} written by this run — so that a run that skipped tests (no
 * {@code ../shared/real-data}, say) is not taken for a full one.
 *
 * <p>Run with the JDK's source launcher: {@code java testbed/tools/SkipSummary.java ROOT [SINCE_EPOCH_MILLIS]};
 * reports older than SINCE (left by an earlier run) are ignored. Prints nothing when there are no reports.
 */
public final class SkipSummary {

    private record Skip(String testClass, String reason) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        long since = args.length > 1 ? Long.parseLong(args[1]) : 0;
        List<Path> reports = reports(root, since);
        if (reports.isEmpty()) {
            return;
        }
        int run = 0;
        int failed = 0;
        List<Skip> skips = new ArrayList<>();
        var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        for (Path report : reports) {
            NodeList cases = builder.parse(report.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                run++;
                if (testCase.getElementsByTagName("failure").getLength() + testCase.getElementsByTagName("error").getLength() > 0) {
                    failed++;
                }
                NodeList skipped = testCase.getElementsByTagName("skipped");
                if (skipped.getLength() > 0) {
                    skips.add(new Skip(testCase.getAttribute("classname"), reason((Element) skipped.item(0))));
                }
            }
        }
        System.out.printf("%nTests: %d run, %d failed, %d skipped (%d report files of this run)%n", run, failed, skips.size(), reports.size());
        if (skips.isEmpty()) {
            System.out.println("Nothing was skipped: this was a full run.");
            return;
        }
        Map<String, List<Skip>> byReason = new LinkedHashMap<>();
        skips.forEach(skip -> byReason.computeIfAbsent(skip.reason(), r -> new ArrayList<>()).add(skip));
        System.out.println("NOT a full run; skipped, by reason:");
        byReason.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).forEach(entry -> {
            TreeSet<String> classes = new TreeSet<>();
            entry.getValue().forEach(skip -> classes.add(skip.testClass().replaceFirst("^.*\\.", "")));
            System.out.printf("  %4d  %s%n        in %s%n", entry.getValue().size(), entry.getKey(), String.join(", ", classes));
        });
    }

    private static List<Path> reports(Path root, long since) throws IOException {
        List<Path> reports = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 6)) {
            files.filter(f -> f.getParent() != null && f.getParent().getFileName().toString().equals("surefire-reports")
                            && f.getFileName().toString().startsWith("TEST-") && f.getFileName().toString().endsWith(".xml"))
                    .filter(f -> modified(f) >= since)
                    .sorted()
                    .forEach(reports::add);
        }
        return reports;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The skip's message: its attribute, else the first line of its text, without the exception's class name. */
    private static String reason(Element skipped) {
        String text = skipped.getAttribute("message");
        if (text.isBlank()) {
            text = skipped.getTextContent().strip().lines().findFirst().orElse("");
        }
        text = text.replaceFirst("^org\\.opentest4j\\.TestAbortedException: ", "").replaceFirst("^Assumption failed: ", "");
        return text.isBlank() ? "(no reason given)" : text;
    }
}
