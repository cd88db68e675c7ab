using Bulwark.Audit.Notes;
using Bulwark.Audit.Witness;
using Bulwark.Gateway.Auditing.Witnesses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Bulwark.Testing.Witnesses;

/// <summary>A real C2SP tlog-witness on Kestrel (127.0.0.1, random port) with its own key and a state file in a temporary folder.</summary>
public sealed class WitnessHost : IAsyncDisposable
{
    private WitnessHost(WebApplication app, WitnessSigner signer, string directory)
    {
        App = app;
        Signer = signer;
        Directory = directory;
    }

    public WebApplication App { get; }

    public WitnessSigner Signer { get; }

    public string Directory { get; }

    public string Url => App.Urls.First();

    public string VerifierKey => Signer.VerifierKey;

    public string StatePath => Path.Combine(Directory, "state.json");

    /// <summary>Starts a witness for the logs whose verifier keys are given; <paramref name="seed"/> pre-loads its state (a tree it cosigned before).</summary>
    public static async Task<WitnessHost> StartAsync(string name, IEnumerable<string> logKeys, (string Origin, WitnessedTree Tree)? seed = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-witness-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        var signer = WitnessSigner.Generate(name);
        var state = new FileWitnessStateStore(Path.Combine(dir, "state.json"));
        if (seed is { } s) state.Set(s.Origin, s.Tree);
        var logs = logKeys.Select(NoteVerifier.Parse).ToDictionary(v => v.Name, StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapCheckpointWitness(new CheckpointWitness(signer, logs, state, TimeProvider.System));
        await app.StartAsync();
        return new WitnessHost(app, signer, dir);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Signer.Dispose();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}
