package io.meshwright.engine.registry;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The registry's JSON mappers: a plain one, and readers bounded by an import's limits. */
final class Json {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    ObjectMapper mapper() {
        return mapper;
    }

    /** A mapper whose parser refuses nesting and strings beyond {@code limits}. */
    ObjectMapper reader(ImportLimits limits) {
        JsonMapper bounded = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .build();
        bounded.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                .build());
        return bounded;
    }
}
