package org.edgebench.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.edgebench.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of an ONNX Runtime profiling trace that say where an inference's time went. The trace
 * (written by {@code OrtSession.endProfiling()}) is a JSON array of Chrome trace "complete" events,
 * {@code {"cat", "pid", "tid", "dur", "ts", "ph":"X", "name", "args"}}, with {@code ts} (from the
 * start of profiling) and {@code dur} in microseconds, sorted by {@code ts}:
 *
 * <ul>
 *   <li>{@code "cat":"Session"}: {@code model_loading_uri}, {@code session_initialization}, and per
 *       inference {@code model_run} (the whole {@code OrtSession.run}) and the executor's
 *       {@code SequentialExecutor::Execute};</li>
 *   <li>{@code "cat":"Node"}: per node and inference {@code <node name>_kernel_time}, with
 *       {@code args.op_name} (the kernel's operator type, {@code Conv}), {@code args.provider}
 *       ({@code CPUExecutionProvider}) and memory and shape details (older versions also wrote
 *       {@code _fence_before} and {@code _fence_after} events, which are not kernel time).</li>
 * </ul>
 *
 * Other categories (a GPU provider's {@code Kernel} events, {@code Api}) are left out.
 */
public record OrtTrace(List<Span> runs, List<Kernel> kernels) {

    static final String MODEL_RUN = "model_run";
    static final String KERNEL_SUFFIX = "_kernel_time";
    /** What a trace names an operator or provider it does not state. */
    static final String UNKNOWN = "(unknown)";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One {@code model_run}: one inference. */
    public record Span(long ts, long dur) {
    }

    /** One node's kernel in one inference. */
    public record Kernel(String node, String opType, String provider, long ts, long dur) {
    }

    public OrtTrace {
        runs = List.copyOf(runs);
        kernels = List.copyOf(kernels);
    }

    /**
     * Reads a trace file.
     *
     * @throws BadInputException in one line when the file is missing, is not JSON, is not a trace
     *                           array, or holds no {@code model_run} (profiling ended before an inference)
     */
    public static OrtTrace read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + " not found: no ONNX Runtime trace there");
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new BadInputException(file + " is not an ONNX Runtime trace: malformed JSON" + where + " ("
                    + message.lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /* Event by event, so a long trace is never held as a tree. */
    static OrtTrace parse(InputStream in, String source) throws IOException {
        List<Span> runs = new ArrayList<>();
        List<Kernel> kernels = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new BadInputException(source + " is not an ONNX Runtime trace: expected a JSON array of trace events");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new BadInputException(source + " is not an ONNX Runtime trace: the event array is cut short");
                }
                JsonNode event = MAPPER.readTree(parser);
                String category = event.path("cat").asText();
                String name = event.path("name").asText();
                long ts = event.path("ts").asLong();
                long dur = event.path("dur").asLong();
                if ("Session".equals(category) && MODEL_RUN.equals(name)) {
                    runs.add(new Span(ts, dur));
                } else if ("Node".equals(category) && name.endsWith(KERNEL_SUFFIX)) {
                    JsonNode args = event.path("args");
                    kernels.add(new Kernel(name.substring(0, name.length() - KERNEL_SUFFIX.length()),
                            args.path("op_name").asText(UNKNOWN), args.path("provider").asText(UNKNOWN), ts, dur));
                }
            }
        }
        if (runs.isEmpty()) {
            throw new BadInputException(source + " holds no " + MODEL_RUN + " event: not an ONNX Runtime trace of"
                    + " inferences, or profiling ended before the first one");
        }
        return new OrtTrace(runs, kernels);
    }
}
