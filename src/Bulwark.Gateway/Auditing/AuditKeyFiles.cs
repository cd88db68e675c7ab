using System.Security.Cryptography;
using System.Text;
using Bulwark.Audit.Notes;

namespace Bulwark.Gateway.Auditing;

/// <summary>Loads the audit key files, creating each (mode 0600) on first start when it is missing.</summary>
public static class AuditKeyFiles
{
    /// <summary>Loads the signer key at <paramref name="path"/>, or generates one named <paramref name="keyName"/> and writes it.</summary>
    public static NoteSigner LoadOrCreateSigner(string path, string keyName)
    {
        var text = ReadOrCreate(path, () =>
        {
            using var signer = NoteSigner.Generate(keyName);
            return signer.ExportSignerKey() + "\n";
        });
        try
        {
            return NoteSigner.Parse(text.Trim());
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"audit signing key file '{path}' is not a valid signer key: {ex.Message}", ex);
        }
    }

    /// <summary>Loads a 32-byte secret (base64 text) at <paramref name="path"/>, or generates and writes one.</summary>
    public static byte[] LoadOrCreateSecret(string path)
    {
        var text = ReadOrCreate(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length != 32) throw new FormatException("key is not 32 bytes");
            return key;
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"audit key file '{path}' is not a base64 32-byte key: {ex.Message}", ex);
        }
    }

    /// <summary>Writes <paramref name="content"/> to a new file readable only by its owner; fails if the file exists.</summary>
    public static void WriteSecretFile(string path, string content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (!File.Exists(path))
        {
            try
            {
                WriteSecretFile(path, create());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        return File.ReadAllText(path);
    }
}
