package org.edgebench.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {

    @Test
    void aPipeNoLongerEndsATableCell() {
        assertThat(Markdown.escape("a | b|c")).isEqualTo("a \\| b\\|c");
        assertThat(Markdown.escape("student CPU b1 t1")).isEqualTo("student CPU b1 t1");
    }
}
