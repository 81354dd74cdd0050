package org.edgebench.report;

import org.edgebench.analysis.BatchAdvisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every chart of a report is written by the project's PNG encoder with the choices that make a
 * run of hundreds of histograms quick to report (docs/report.md, Speed): the "Sub" row filter, a row
 * equal to the one above sent as "Up", and deflate at its fastest level. ImageIO's encoder, which
 * the report would use otherwise, tries every filter on every row and deflates harder, so its files
 * show other filters and another level in their zlib header. Read from the files the report wrote,
 * not from timings.
 */
class ReportPngTest {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_SUB = 1;
    private static final int FILTER_UP = 2;

    @TempDir
    Path dir;

    @Test
    void everyChartIsSubOrUpFilteredAndDeflatedAtTheFastestLevel() throws IOException, DataFormatException {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE, dir, true);

        Report.Written written = Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        assertThat(written.chartsSkipped()).isEmpty();
        List<Path> charts = written.files().stream().filter(f -> f.getFileName().toString().endsWith(".png")).toList();
        assertThat(charts).as("charts of the sample run").hasSizeGreaterThanOrEqualTo(4);
        for (Path chart : charts) {
            checkEncoding(chart);
        }
    }

    private static void checkEncoding(Path file) throws IOException, DataFormatException {
        String name = file.getFileName().toString();
        ByteBuffer png = ByteBuffer.wrap(Files.readAllBytes(file));
        byte[] signature = new byte[SIGNATURE.length];
        png.get(signature);
        assertThat(signature).as("%s: PNG signature", name).isEqualTo(SIGNATURE);

        ByteBuffer header = null;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        while (png.hasRemaining()) {
            int length = png.getInt();
            byte[] type = new byte[4];
            png.get(type);
            byte[] data = new byte[length];
            png.get(data);
            png.getInt();
            switch (new String(type, StandardCharsets.US_ASCII)) {
                case "IHDR" -> header = ByteBuffer.wrap(data);
                case "IDAT" -> idat.write(data);
                default -> {
                }
            }
        }
        assertThat(header).as("%s: IHDR", name).isNotNull();
        int width = header.getInt();
        int height = header.getInt();
        assertThat(header.get()).as("%s: bit depth", name).isEqualTo((byte) 8);
        assertThat(header.get()).as("%s: colour type (RGB)", name).isEqualTo((byte) 2);
        assertThat(header.get(12)).as("%s: interlace", name).isZero();

        byte[] zlib = idat.toByteArray();
        assertThat(zlib[0]).as("%s: zlib method (deflate, 32K window)", name).isEqualTo((byte) 0x78);
        assertThat((zlib[1] & 0xff) >> 6).as("%s: zlib FLEVEL (0 = fastest)", name).isZero();

        int stride = width * 3;
        byte[] rows = inflate(zlib, height * (1 + stride));
        BufferedImage decoded = ImageIO.read(file.toFile());
        byte[] previous = null;
        int upRows = 0;
        byte[] pixels = new byte[stride];
        for (int y = 0; y < height; y++) {
            int filter = rows[y * (1 + stride)];
            byte[] filtered = Arrays.copyOfRange(rows, y * (1 + stride) + 1, (y + 1) * (1 + stride));
            if (filter == FILTER_UP) {
                upRows++;
                assertThat(previous).as("%s: row %d is Up but has no row above", name, y).isNotNull();
                assertThat(filtered).as("%s: Up row %d repeats the row above", name, y).containsOnly((byte) 0);
                pixels = previous.clone();
            } else {
                assertThat(filter).as("%s: row %d's filter (1 = Sub, 2 = Up)", name, y).isEqualTo(FILTER_SUB);
                for (int i = 0; i < stride; i++) {
                    pixels[i] = (byte) (filtered[i] + (i >= 3 ? pixels[i - 3] : 0));
                }
            }
            for (int x = 0; x < width; x++) {
                int rgb = (pixels[3 * x] & 0xff) << 16 | (pixels[3 * x + 1] & 0xff) << 8 | pixels[3 * x + 2] & 0xff;
                if ((decoded.getRGB(x, y) & 0xffffff) != rgb) {
                    assertThat(decoded.getRGB(x, y) & 0xffffff).as("%s: pixel (%d, %d) as ImageIO reads it", name, x, y).isEqualTo(rgb);
                }
            }
            previous = pixels.clone();
        }
        assertThat(upRows).as("%s: rows sent as Up (the margins repeat rows)", name).isPositive();
    }

    private static byte[] inflate(byte[] zlib, int expected) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(zlib);
            byte[] out = new byte[expected + 1];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            assertThat(inflater.finished()).as("zlib stream complete").isTrue();
            assertThat(n).as("inflated bytes: a filter byte and the RGB bytes of each row").isEqualTo(expected);
            return out;
        } finally {
            inflater.end();
        }
    }
}
