using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Api;
using Bulwark.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Testing.Auditing;

/// <summary>
/// A real Kestrel host on loopback serving only the auditor API over a SQLite audit log in its own folder, with the
/// fixed keys of <see cref="KeyTableAccessController"/>. Checkpoints are taken only when a test asks for one.
/// </summary>
public sealed class AuditorHost : IAsyncDisposable
{
    private AuditorHost(WebApplication app, string directory)
    {
        App = app;
        Directory = directory;
    }

    public WebApplication App { get; }

    public string Directory { get; }

    public string Url => App.Urls.First();

    public static async Task<AuditorHost> StartAsync(string origin)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-auditor-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new BulwarkOptions
        {
            Store = "sqlite://" + Path.Combine(dir, "bulwark.db"), DataDirectory = dir, AuditOrigin = origin,
            CheckpointInterval = TimeSpan.FromHours(1), CheckpointEvery = 1_000_000,
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBulwarkAudit(options);
        builder.Services.AddSingleton<IAccessController, KeyTableAccessController>();
        var app = builder.Build();
        app.MapBulwarkAuditor();
        await app.StartAsync();
        return new AuditorHost(app, dir);
    }

    /// <summary>Appends the records concurrently, then signs a checkpoint over them.</summary>
    public async Task AppendAndCheckpointAsync(IEnumerable<byte[]> records)
    {
        var appender = App.Services.GetRequiredService<IAuditAppender>();
        await Task.WhenAll(records.Select(r => appender.AppendAsync(r, CancellationToken.None).AsTask()));
        await App.Services.GetRequiredService<AuditCheckpointer>().CheckpointAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}
