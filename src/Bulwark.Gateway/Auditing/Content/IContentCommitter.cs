namespace Bulwark.Gateway.Auditing.Content;

/// <summary>Keyed commitments to prompt and response text, recorded in the audit log instead of the text itself.</summary>
public interface IContentCommitter
{
    string Name { get; }

    /// <summary>"hmac-sha256:&lt;64 hex&gt;" of the UTF-8 text under the deployment's commitment key.</summary>
    string Commit(string text);

    /// <summary>True when <paramref name="commitment"/> is the commitment of <paramref name="text"/> (constant-time).</summary>
    bool Matches(string text, string commitment);
}
