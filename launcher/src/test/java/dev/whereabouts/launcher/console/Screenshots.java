package dev.whereabouts.launcher.console;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Screenshots of console pages, scaled to 960 pixels wide: always into {@code target/console-screenshots},
 * and with {@code -Dwhereabouts.docs.write=true} also into {@code docs/screenshots} for the README and
 * docs/console.md.
 */
final class Screenshots {

    private static final int WIDTH = 960;
    private static final Path TARGET = Path.of("target", "console-screenshots");
    private static final Path DOCS = Path.of("..", "docs", "screenshots");

    private Screenshots() {}

    static void take(WebDriver browser, String name) {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            BufferedImage original = ImageIO.read(new ByteArrayInputStream(png));
            int height = original.getHeight() * WIDTH / original.getWidth();
            BufferedImage scaled = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(original, 0, 0, WIDTH, height, null);
            g.dispose();
            Files.createDirectories(TARGET);
            ImageIO.write(scaled, "png", TARGET.resolve(name + ".png").toFile());
            if (Boolean.getBoolean("whereabouts.docs.write")) {
                Files.createDirectories(DOCS);
                ImageIO.write(scaled, "png", DOCS.resolve(name + ".png").toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
