package io.meshwright.engine.actions;

import io.meshwright.engine.design.DesignNaming;
import io.meshwright.engine.design.DesignParseResult;
import io.meshwright.engine.design.DesignParser;
import io.meshwright.spi.design.Design;

/**
 * Reads designs with the engine's {@link DesignParser}; a design with errors is a 422 listing every problem.
 * Bytes may be an OCI image tarball (plain or gzipped) holding a design; its problems are located at
 * {@code NAME!design.yml:line}.
 */
public final class ParsingDesignReader implements DesignReader {

    private final DesignParser parser;

    public ParsingDesignReader(DesignParser parser) {
        this.parser = parser;
    }

    @Override
    public Design read(String text, String sourceName, DesignNaming naming) {
        return design(parser.parse(text, sourceName, naming), sourceName);
    }

    @Override
    public Read read(byte[] content, String sourceName, DesignNaming naming) {
        DesignParseResult result = parser.parse(content, sourceName, naming);
        return new Read(design(result, sourceName), result.text());
    }

    private static Design design(DesignParseResult result, String sourceName) {
        if (result.hasErrors() || result.design().isEmpty()) {
            throw ActionException.invalid(sourceName + " is not a valid design (" + result.errors().size() + " error(s))",
                    result.problems());
        }
        return result.design().get();
    }
}
