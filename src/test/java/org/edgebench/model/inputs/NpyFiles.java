package org.edgebench.model.inputs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The bytes of NumPy .npy files, written as {@code numpy.save} writes them, for tests. */
public final class NpyFiles {

    private NpyFiles() {
    }

    /** A version 1.0 file in C order. */
    public static byte[] npy(String descr, long[] shape, byte[] data) {
        return npy(1, descr, false, shape, data);
    }

    /**
     * A file of format version {@code major}.0: magic, version, header length (2 bytes in 1.0, 4 in
     * 2.0 and 3.0), the header dict padded with spaces to a multiple of 64 bytes and ended by a
     * newline, then {@code data}.
     */
    public static byte[] npy(int major, String descr, boolean fortranOrder, long[] shape, byte[] data) {
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)"
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False") + ", 'shape': " + tuple + ", }");
        int prefix = 8 + (major == 1 ? 2 : 4);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            length.putShort((short) text.length);
        } else {
            length.putInt(text.length);
        }
        out.writeBytes(length.array());
        out.writeBytes(text);
        out.writeBytes(data);
        return out.toByteArray();
    }
}
