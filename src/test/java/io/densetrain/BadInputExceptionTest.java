package io.densetrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one-line rule for what a damaged file puts into a message: control characters escaped, megabyte words shortened. */
class BadInputExceptionTest {
    @Test
    void aWordOfAMillionCharactersIsShortenedToItsEndsAndCount() {
        String cell = "a".repeat(100) + "x".repeat(999_860) + "z".repeat(40);
        String m = new BadInputException("t.csv, line 2, column 'b': '" + cell + "' is not a number").getMessage();
        assertEquals("t.csv, line 2, column 'b': '" + "a".repeat(99) + "…(1000002 characters)…" + "z".repeat(39)
                + "' is not a number", m);
    }

    @Test
    void shortWordsLineBreaksAndTheSettingsProblemAreAsBefore() {
        String path = "/tmp/" + "d/".repeat(80) + "model.json"; // 175 characters: a deep path stays whole
        assertEquals(path + ": field 'a\\nb' is missing", new BadInputException(path + ": field 'a\nb' is missing").getMessage());
        SettingException s = new SettingException("keepProb", "must be in (0, 1], got " + "9".repeat(5000));
        assertTrue(s.getMessage().startsWith("keepProb must be in (0, 1], got 9999"), s.getMessage());
        assertTrue(s.getMessage().length() < 200 && s.problem().length() < 200, s.getMessage());
    }

    @Test
    void aLineOfThousandsOfShortWordsKeepsItsStartAndItsFix() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 5000; i++) names.append("x").append(i).append(", ");
        String m = new BadInputException("f.h5: it has " + names + "and no labels; name them with yKey (--y-key)").getMessage();
        assertTrue(m.length() < 2100, m.length() + "");
        assertTrue(m.startsWith("f.h5: it has x0, x1, x2"), m);
        assertTrue(m.endsWith("and no labels; name them with yKey (--y-key)"), m);
        assertTrue(m.contains(" characters left out)… "), m);
    }
}
