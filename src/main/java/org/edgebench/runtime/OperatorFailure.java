package org.edgebench.runtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator that failed while ONNX Runtime ran a model, read from ONNX Runtime's error text:
 * "Non-zero status code returned while running Gather node. Name:'/Gather' Status Message:
 * indices element out of data bounds, ...". This is how a kernel rejects the values it is given
 * (an index, an axis, a shape, a length), as opposed to a model that does not load or a provider
 * that is missing, so it is the failure that other input values may cure.
 *
 * @param operator the operator type, e.g. {@code Gather}
 * @param node     the node's name, empty when the model gives none
 * @param message  ONNX Runtime's status message on one line, without its source location
 */
public record OperatorFailure(String operator, String node, String message) {

    private static final Pattern RUNNING = Pattern.compile(
            "Non-zero status code returned while running (\\S+) node\\. Name:'([^']*)' Status Message: ");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    /** A stack frame ("at ai.onnxruntime.OrtSession.run(Native Method)") or an empty line ends the message. */
    private static final Pattern END = Pattern.compile("\\R\\s*(?:at [\\w$.<>]+\\(|\\R)");
    /** {@code /onnxruntime_src/onnxruntime/core/providers/cpu/tensor/gather_elements.cc:150 }. */
    private static final Pattern SOURCE = Pattern.compile("^\\S+\\.(?:cc|cpp|h|hpp):\\d+ ");
    /** The C++ function that follows a source location: {@code void onnxruntime::core_impl(...) [with T = long] }. */
    private static final Pattern FUNCTION = Pattern.compile("^(?:[\\w:<>*&]+ )*[\\w:~<>]+\\([^()]*\\)(?: const)?(?: \\[with [^\\]]*\\])? ");
    private static final int MAX_MESSAGE = 240;

    /** The first operator failure in {@code text} (a fork's output, an exception's message), if there is one. */
    public static Optional<OperatorFailure> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String plain = ANSI.matcher(text).replaceAll("");
        Matcher running = RUNNING.matcher(plain);
        if (!running.find()) {
            return Optional.empty();
        }
        String rest = plain.substring(running.end());
        Matcher end = END.matcher(rest);
        String message = (end.find() ? rest.substring(0, end.start()) : rest).replaceAll("\\s+", " ").strip();
        Matcher source = SOURCE.matcher(message);
        if (source.find()) {
            message = FUNCTION.matcher(message.substring(source.end())).replaceFirst("");
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 3).strip() + "...";
        }
        return Optional.of(new OperatorFailure(running.group(1), running.group(2), message));
    }

    /** {@code a Gather node ('/Gather'): indices element out of data bounds, ...}. */
    public String describe() {
        String article = "AEIOU".indexOf(Character.toUpperCase(operator.charAt(0))) >= 0 ? "an " : "a ";
        return article + operator + " node" + (node.isEmpty() ? "" : " ('" + node + "')") + ": " + message;
    }
}
