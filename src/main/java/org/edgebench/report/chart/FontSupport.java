package org.edgebench.report.chart;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Whether this JVM can draw text, which every chart needs. A headless JDK in a slim image (no
 * fontconfig, no libharfbuzz, no fonts) fails in its font manager's native library the first time
 * a string is measured; the report then writes everything but the charts and says, in one line,
 * what to install. Checked once per JVM.
 */
public final class FontSupport {

    /** What to install, for the systems a headless JDK is most often missing fonts on. */
    public static final String INSTALL = "install fonts: Debian/Ubuntu `apt-get install fontconfig fonts-dejavu-core libharfbuzz0b`,"
            + " Alpine `apk add fontconfig ttf-dejavu`, Fedora/RHEL `dnf install fontconfig dejavu-sans-fonts`";

    private static final Optional<String> PROBLEM = probe();

    private FontSupport() {
    }

    /** Empty when text can be drawn; otherwise the one line saying why the charts are skipped and what to install. */
    public static Optional<String> problem() {
        return PROBLEM;
    }

    private static Optional<String> probe() {
        try {
            Graphics2D g = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB).createGraphics();
            try {
                g.setFont(ChartStyle.TITLE_FONT);
                g.drawString("0.5 ms", 0, 12);
                g.getFontMetrics().stringWidth("0.5 ms");
            } finally {
                g.dispose();
            }
            return Optional.empty();
        } catch (LinkageError | InternalError | RuntimeException e) {
            String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage().lines().findFirst().orElse(""));
            return Optional.of("charts skipped: this JVM cannot draw text (" + cause + "); " + INSTALL
                    + ", then `java -jar benchmarks.jar report RUN_DIR` draws them");
        }
    }
}
