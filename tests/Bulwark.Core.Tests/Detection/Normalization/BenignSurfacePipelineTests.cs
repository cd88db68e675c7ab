using System.Security.Cryptography;
using System.Text;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using static Bulwark.Core.Tests.Detection.ObfuscationSamples;

namespace Bulwark.Core.Tests.Detection.Normalization;

/// <summary>Benign texts with the same surface as an obfuscation class: allowed, with no smuggling reported.</summary>
public class BenignSurfacePipelineTests
{
    public static TheoryData<string, string> Benign()
    {
        var png = new byte[3000];
        new Random(42).NextBytes(png);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        var attachment = Convert.ToBase64String(png);
        var wrapped = string.Join("\n", attachment.Chunk(76).Select(c => new string(c)));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("release-1.2.3.tar.gz")));
        return new TheoryData<string, string>
        {
            { "base64 attachment", "Here is the screenshot: data:image/png;base64," + attachment + " what do you see?" },
            { "wrapped base64 attachment", "Attachment:\n" + wrapped },
            { "hex hash", "The SHA-256 of the release is " + hash + ", please verify it." },
            { "hex bytes", "The header bytes are 89 50 4e 47 0d 0a 1a 0a followed by the IHDR chunk." },
            { "url with %20", "Download it from https://example.com/files/annual%20report%202024.pdf and summarise it." },
            { "emoji zwj family", "Our family 👨‍👩‍👧‍👦 went to the beach! 👩🏽‍💻 and 🏳️‍🌈 too." },
            { "flags", "Teams: 🇫🇷 vs 🇩🇪, and 🏴󠁧󠁢󠁥󠁮󠁧󠁿 vs 🏴󠁧󠁢󠁳󠁣󠁴󠁿." },
            { "emoji skin tones", "Great job 👍🏻👍🏿 ❤️ ☺️" },
            { "arabic with rlm", "مرحبا\u200F بكم في موقعنا. كيف يمكنني مساعدتك اليوم؟" },
            { "hebrew with marks", "שלום\u200F, מה שלומך? \u202Bזה טקסט בעברית\u202C." },
            { "persian zwnj", "می\u200Cخواهم کتاب\u200Cها را بخوانم." },
            { "russian", "Расскажи мне, пожалуйста, о истории Москвы." },
            { "greek", "Καλημέρα, πώς είσαι σήμερα;" },
            { "chinese with ideographic variation", "葛\U000E0100城市的天气怎么样？" },
            { "greek letter in math", "The α parameter and the β coefficient control the decay." },
            { "leet-looking tokens", "Convert the mp3 to h264, then ship the b2b covid19 report from 2024 by 5pm." },
            { "acronyms", "The U.S.A. and the U.K. signed the deal, e.g. for N.A.S.A. projects." },
            { "markdown", "# Title\n\n**Bold** and _italic_ text with a [link](https://example.com).\n\n```python\nprint('hi')\n```" },
            { "html page", "<html><body><h1>Welcome</h1><p>Our store opens at 9am &amp; closes at 5pm.</p></body></html>" },
            { "morse lesson", "In Morse code, SOS is ... --- ... and it is easy to remember." },
            { "fancy letters", "Follow me on 𝓲𝓷𝓼𝓽𝓪𝓰𝓻𝓪𝓶 for ✨ updates ✨" },
            { "accents", "Le café était très agréable, merci beaucoup à vous." },
            { "list letters", "Choose one of a, b, c, d, e or f." },
            { "bom", "\uFEFFHello there, how are you?" },
            { "wiki coordinates table", "| Date | Ship | Fate |\n| 5 June 1940 | SS Stancor | Sunk at 58°48′N 08°45′W\uFEFF / \uFEFF58.800°N 8.750°W |\n| 7 June 1940 | SS Eros | Damaged at 55°33′N 08°26′W\uFEFF / \uFEFF55.550°N 8.433°W |" },
        };
    }

    [Theory]
    [MemberData(nameof(Benign))]
    public void Evaluate_BenignSameSurface_Allowed(string name, string text)
    {
        var verdict = CorePipeline.Input(text);
        Assert.True(verdict.Action == GuardAction.Allow, $"{name}: {verdict.Action} {string.Join(",", verdict.RuleIds)} notes={string.Join(",", verdict.Notes)}");
        Assert.DoesNotContain(verdict.Notes, n => n.StartsWith(NormalizationNotes.TagChars, StringComparison.Ordinal)
            || n.StartsWith(NormalizationNotes.VariationSelectorSmuggling, StringComparison.Ordinal)
            || n.StartsWith(NormalizationNotes.ZeroWidth, StringComparison.Ordinal));
    }

    [Fact]
    public void Normalize_Base64Attachment_NoDecodedView()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var n = new TextNormalizer().Normalize("file: " + Convert.ToBase64String(bytes));
        Assert.Empty(n.Decoded);
    }

    [Fact]
    public void Normalize_Base64OfPlainText_ViewButNotBlocked()
    {
        var verdict = CorePipeline.Input("config: " + Base64("the weather in paris is lovely in spring"));
        Assert.False(verdict.IsBlocked);
        Assert.Contains(verdict.Notes, n => n.StartsWith("base64", StringComparison.Ordinal));
    }
}
