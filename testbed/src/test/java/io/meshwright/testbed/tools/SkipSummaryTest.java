package io.meshwright.testbed.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code testbed/tools/SkipSummary.java}, as {@code ./dev test} runs it, over Surefire reports as Surefire writes them. */
class SkipSummaryTest {

    @TempDir
    Path root;

    @Test
    void saysHowManyTestsWereSkippedAndWhyGroupedByReason() throws Exception {
        report("engine", "io.meshwright.engine.design.RealDesignsTest", """
                <testcase name="a" classname="io.meshwright.engine.design.RealDesignsTest" time="0.1">
                  <skipped type="org.opentest4j.TestAbortedException"><![CDATA[org.opentest4j.TestAbortedException: Assumption failed: the shared real-data folder (../shared/real-data) is not present
                	at org.junit...]]></skipped>
                </testcase>
                <testcase name="b" classname="io.meshwright.engine.design.RealDesignsTest" time="0.1">
                  <skipped message="the shared real-data folder (../shared/real-data) is not present"/>
                </testcase>
                <testcase name="c" classname="io.meshwright.engine.design.RealDesignsTest" time="0.1"/>
                """);
        report("testbed", "io.meshwright.testbed.ScaleTest", """
                <testcase name="d" classname="io.meshwright.testbed.ScaleTest" time="0"><skipped message="set -Dmeshwright.scale=true"/></testcase>
                <testcase name="e" classname="io.meshwright.testbed.ScaleTest" time="1"><failure message="boom"/></testcase>
                """);
        Path stale = report("spi", "io.meshwright.spi.OldTest", """
                <testcase name="f" classname="io.meshwright.spi.OldTest"><skipped message="from an earlier run"/></testcase>
                """);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));

        String out = summary(Instant.now().minusSeconds(600).toEpochMilli());

        assertThat(out).contains("Tests: 5 run, 1 failed, 3 skipped (2 report files of this run)")
                .contains("NOT a full run")
                .containsPattern("2  the shared real-data folder \\(../shared/real-data\\) is not present\\s+in RealDesignsTest")
                .containsPattern("1  set -Dmeshwright.scale=true\\s+in ScaleTest")
                .doesNotContain("earlier run");
    }

    @Test
    void aRunThatSkippedNothingSaysSo() throws Exception {
        report("engine", "io.meshwright.engine.FineTest", "<testcase name=\"a\" classname=\"io.meshwright.engine.FineTest\"/>");

        assertThat(summary(0)).contains("Tests: 1 run, 0 failed, 0 skipped").contains("Nothing was skipped: this was a full run.");
    }

    private Path report(String module, String testClass, String cases) throws Exception {
        Path dir = Files.createDirectories(root.resolve(module).resolve("target/surefire-reports"));
        return Files.writeString(dir.resolve("TEST-" + testClass + ".xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="%s" tests="1">
                %s
                </testsuite>
                """.formatted(testClass, cases));
    }

    private String summary(long since) throws Exception {
        Path script = Path.of("tools/SkipSummary.java").toAbsolutePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                script.toString(), root.toString(), Long.toString(since)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
