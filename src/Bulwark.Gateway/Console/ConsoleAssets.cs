using System.Reflection;

namespace Bulwark.Gateway.Console;

/// <summary>The console's static files, embedded in the assembly (no CDN, no files on disk).</summary>
public sealed class ConsoleAssets
{
    private const string Prefix = "Bulwark.Gateway.Console.Assets.";
    private readonly Dictionary<string, (byte[] Bytes, string ContentType)> _files = new(StringComparer.Ordinal);

    public ConsoleAssets()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var file = name[Prefix.Length..];
            _files[file] = (buffer.ToArray(), ContentTypeOf(file));
        }
    }

    public bool TryGet(string file, out byte[] bytes, out string contentType)
    {
        if (_files.TryGetValue(file, out var f))
        {
            (bytes, contentType) = f;
            return true;
        }
        bytes = [];
        contentType = "";
        return false;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
