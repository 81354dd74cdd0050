package org.edgebench.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded ONNX Runtime trace of src/test/resources/profile, and traces constructed from it. */
public final class TraceFixtures {

    static final String RECORDED = "/profile/student_CPU_b1_t1.json";

    private TraceFixtures() {
    }

    /** The recorded trace's text, as ONNX Runtime wrote it. */
    public static String recorded() {
        try (InputStream in = TraceFixtures.class.getResourceAsStream(RECORDED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the recorded trace to {@code file}, creating its folder. */
    public static Path writeRecorded(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, recorded());
    }

    /**
     * {@code from} with the kernels of {@code opType} moved to {@code provider} and their times
     * scaled (rounded to whole microseconds, as ONNX Runtime writes them): a constructed trace.
     */
    public static Path relabel(Path from, Path to, String opType, String provider, double scale) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ArrayNode events = (ArrayNode) json.readTree(from.toFile());
        for (JsonNode e : events) {
            if (e.path("args").path("op_name").asText().equals(opType)) {
                ((ObjectNode) e.get("args")).put("provider", provider);
                ((ObjectNode) e).put("dur", Math.round(e.get("dur").asLong() * scale));
            }
        }
        Files.createDirectories(to.toAbsolutePath().getParent());
        return Files.writeString(to, json.writeValueAsString(events));
    }
}
