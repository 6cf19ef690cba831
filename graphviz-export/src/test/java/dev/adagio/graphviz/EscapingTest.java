package dev.adagio.graphviz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EscapingTest {
  @Test
  void dot_quotesAndEscapesQuotesAndBackslashes() {
    assertEquals("\"a \\\"b\\\" c\"", Escaping.dot("a \"b\" c"));
    assertEquals("\"a\\\\b\"", Escaping.dot("a\\b"));
    assertEquals("\"ends\\\\\"", Escaping.dot("ends\\"));
  }

  @Test
  void dot_neutralisesBackslashSequencesAndEntities() {
    assertEquals("\"\\\\N \\\\l\"", Escaping.dot("\\N \\l"));
    assertEquals("\"&amp;amp; x\"", Escaping.dot("&amp; x"));
  }

  @Test
  void dot_turnsEveryLineBreakIntoNewlineEscape() {
    assertEquals("\"a\\nb\\nc\\nd\"", Escaping.dot("a\nb\r\nc\rd"));
  }

  @Test
  void dot_keepsTabsAndNonAscii_andShowsOtherControlCharacters() {
    assertEquals("\"a\tb é 漢 😀\"", Escaping.dot("a\tb é 漢 😀"));
    assertEquals("\"x\\\\u0001y\"", Escaping.dot("x\u0001y"));
  }

  @Test
  void dot_leavesRecordAndHtmlCharactersAlone_becauseLabelsAreQuotedStrings() {
    assertEquals("\"<a> {b|c}\"", Escaping.dot("<a> {b|c}"));
    assertEquals("\"\"", Escaping.dot(""));
  }

  @Test
  void mermaid_usesEntityCodesForItsSpecialCharacters() {
    assertEquals(
        "\"#quot;a#quot; #35;1 #amp; #lt;b#gt; #96;c#96;\"",
        Escaping.mermaid("\"a\" #1 & <b> `c`"));
  }

  @Test
  void mermaid_turnsLineBreaksIntoBr_andPutsEachBackslashInASpan() {
    // Mermaid reads "\n" as a line break, even decoded from an entity code (MermaidRenderTest).
    assertEquals(
        "\"a<br>b<br>c <span>#92;</span><span>#92;</span>\"", Escaping.mermaid("a\nb\r\nc \\\\"));
  }

  @Test
  void mermaid_codesPercentColonAndSurroundingWhitespace() {
    assertEquals("\"#37;#37;{init}#37;#37;\"", Escaping.mermaid("%%{init}%%"));
    assertEquals("\"style#58;#35;fff\"", Escaping.mermaid("style:#fff"));
    assertEquals("\"#32;#9;a b#32;\"", Escaping.mermaid(" \ta b "));
  }
}
