namespace Bulwark.Cli.Tests;

/// <summary>Issue 11, defect 8: text from a store or a gateway is escaped before it reaches a terminal.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001B[31mred\\u001B[0m")]
    [InlineData("one\ntwo\r", "one\\u000Atwo\\u000D")]
    [InlineData("a\u202eb", "a\\u202Eb")]
    [InlineData("c1\u009bx", "c1\\u009Bx")]
    [InlineData("bell\u0007", "bell\\u0007")]
    public void Escape_ControlCharacters_ShownAsEscapes(string raw, string expected) => Assert.Equal(expected, TerminalText.Escape(raw));

    [Theory]
    [InlineData("plain text")]
    [InlineData("Prüfung — שלום 😀")]
    [InlineData("")]
    public void Escape_PrintableText_Unchanged(string text) => Assert.Equal(text, TerminalText.Escape(text));
}
