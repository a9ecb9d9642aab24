package io.meshwright.engine.design;

import io.meshwright.spi.Problem;
import io.meshwright.spi.design.Design;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DesignParser} made of an input: the design (absent when nothing usable could be read), every problem
 * found (located), the format detected, the design text actually parsed (for an OCI image, the design file inside
 * it) and where each component's fields stand in that text.
 *
 * @param design    the design; empty when the input was unreadable or not a design at all
 * @param problems  every problem, in the order found
 * @param format    the detected format; {@code null} when none was recognised
 * @param text      the design text that was parsed
 * @param sourceMap positions of component fields in {@code text}
 */
public record DesignParseResult(
        Optional<Design> design, List<Problem> problems, DesignFormat format, String text, DesignSourceMap sourceMap) {

    public DesignParseResult {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }
}
