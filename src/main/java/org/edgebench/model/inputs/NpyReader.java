package org.edgebench.model.inputs;

import ai.onnxruntime.TensorInfo.OnnxTensorType;
import org.edgebench.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0) into {@link TensorValues}:
 * the magic {@code \x93NUMPY}, the version, the header length (2 bytes in 1.0, 4 in 2.0 and 3.0,
 * little-endian), then a Python dict literal with {@code descr}, {@code fortran_order} and
 * {@code shape}, then the array's bytes in C order.
 *
 * <p>{@code descr} gives byte order ({@code <} little, {@code >} big, {@code |} not applicable,
 * {@code =} the writer's, taken as little-endian, which is what every machine NumPy writes for
 * is), kind and size: {@code f2 f4 f8}, {@code i1 i2 i4 i8}, {@code u1 u2 u4 u8}, {@code b1}
 * (bool), {@code S<n>} (bytes, read as UTF-8 strings) and {@code U<n>} (UTF-32 strings), and
 * {@code V2} for bfloat16, which NumPy has no type for ({@code ml_dtypes} saves it so). Fortran
 * order and Python objects are refused.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=]?)([a-zA-Z?])(\\d*)");

    private NpyReader() {
    }

    /**
     * @param name the model input the file is for (its values are named so)
     * @throws BadInputException when the file cannot be read or is not an .npy file this reads (naming the file)
     */
    public static TensorValues read(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, name, file.toString());
    }

    /** The values of an .npy file's bytes; {@code origin} names it in errors. */
    static TensorValues parse(byte[] bytes, String name, String origin) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new BadInputException(origin + " is not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6];
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position(8);
        long headerLength;
        Charset charset;
        switch (major) {
            case 1 -> {
                headerLength = Short.toUnsignedInt(in.getShort());
                charset = StandardCharsets.ISO_8859_1;
            }
            case 2, 3 -> {
                if (bytes.length < 12) {
                    throw new BadInputException(origin + " ends inside its .npy header");
                }
                headerLength = Integer.toUnsignedLong(in.getInt());
                charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            }
            default -> throw new BadInputException(origin + " is .npy format version " + major + "." + bytes[7]
                    + "; versions 1.0, 2.0 and 3.0 are read");
        }
        if (in.position() + headerLength > bytes.length) {
            throw new BadInputException(origin + " ends inside its .npy header");
        }
        String header = new String(bytes, in.position(), (int) headerLength, charset);
        in.position(in.position() + (int) headerLength);

        String descr = group(DESCR, header, origin, "descr");
        if (group(FORTRAN, header, origin, "fortran_order").equals("True")) {
            throw new BadInputException(origin + " is in Fortran order; save it in C order"
                    + " (numpy.save(path, numpy.ascontiguousarray(a)))");
        }
        long[] shape = shape(group(SHAPE, header, origin, "shape"), origin);
        long elements = TensorProtoReader.elements(shape, origin);

        Matcher type = TYPE.matcher(descr);
        if (!type.matches()) {
            throw new BadInputException(origin + " has dtype '" + descr + "', which is not read here");
        }
        ByteOrder order = ">".equals(type.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String kind = type.group(2);
        int size = type.group(3).isEmpty() ? 1 : Integer.parseInt(type.group(3));
        ByteBuffer data = in.slice();
        if (kind.equals("S") || kind.equals("U")) {
            return TensorValues.ofStrings(name, shape, strings(data, kind, size, order, elements, origin));
        }
        OnnxTensorType elementType = elementType(kind, size, descr, origin);
        requireBytes(data, elements * size, origin, descr, shape);
        return TensorValues.of(name, elementType, shape, TensorValues.copy(data.limit((int) (elements * size)), order, size));
    }

    private static OnnxTensorType elementType(String kind, int size, String descr, String origin) {
        String type = switch (kind + size) {
            case "f2" -> "FLOAT16";
            case "f4" -> "FLOAT";
            case "f8" -> "DOUBLE";
            case "i1" -> "INT8";
            case "i2" -> "INT16";
            case "i4" -> "INT32";
            case "i8" -> "INT64";
            case "u1" -> "UINT8";
            case "u2" -> "UINT16";
            case "u4" -> "UINT32";
            case "u8" -> "UINT64";
            case "b1", "?1" -> "BOOL";
            case "V2" -> "BFLOAT16";
            default -> null;
        };
        if (type == null) {
            throw new BadInputException(origin + " has dtype '" + descr + "'"
                    + (kind.equals("O") ? " (Python objects, stored with pickle); save a numeric or string array"
                    : ", which has no ONNX element type here"));
        }
        return OnnxTensorType.valueOf("ONNX_TENSOR_ELEMENT_DATA_TYPE_" + type);
    }

    private static String[] strings(ByteBuffer data, String kind, int size, ByteOrder order, long elements, String origin) {
        int unit = kind.equals("U") ? 4 : 1;
        requireBytes(data, elements * size * unit, origin, kind + size, null);
        String[] out = new String[Math.toIntExact(elements)];
        ByteBuffer in = data.duplicate().order(order);
        for (int i = 0; i < out.length; i++) {
            if (unit == 1) {
                byte[] raw = new byte[size];
                in.get(raw);
                int end = raw.length;
                while (end > 0 && raw[end - 1] == 0) {
                    end--;
                }
                out[i] = new String(raw, 0, end, StandardCharsets.UTF_8);
            } else {
                StringBuilder s = new StringBuilder();
                for (int c = 0; c < size; c++) {
                    int codePoint = in.getInt();
                    if (codePoint != 0) {
                        s.appendCodePoint(codePoint);
                    }
                }
                out[i] = s.toString();
            }
        }
        return out;
    }

    private static void requireBytes(ByteBuffer data, long needed, String origin, String descr, long[] shape) {
        if (data.remaining() < needed) {
            throw new BadInputException(origin + " holds " + data.remaining() + " bytes of data, but its header ("
                    + descr + (shape == null ? "" : Arrays.toString(shape)) + ") needs " + needed);
        }
    }

    private static long[] shape(String tuple, String origin) {
        String[] parts = tuple.split(",");
        return Arrays.stream(parts).map(String::strip).filter(p -> !p.isEmpty()).mapToLong(p -> {
            try {
                long d = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
                if (d >= 0) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new BadInputException(origin + " has a shape (" + tuple + ") that is not a tuple of sizes");
        }).toArray();
    }

    private static String group(Pattern pattern, String header, String origin, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new BadInputException(origin + ": its .npy header has no '" + key + "' (" + header.strip() + ")");
        }
        return m.group(1);
    }
}
