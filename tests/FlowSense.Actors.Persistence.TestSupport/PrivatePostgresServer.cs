using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FlowSense.Actors.Persistence.TestSupport;

/// <summary>
/// A PostgreSQL server of one test's own (database/throwaway-postgres.sh), for tests that stop and restart the
/// server and so must not share it with other tests.
/// </summary>
public sealed partial class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _folder;

    private PrivatePostgresServer(string connectionString, string folder)
    {
        ConnectionString = connectionString;
        _folder = folder;
    }

    /// <summary>The server's Npgsql connection string (database <c>postgres</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates and starts the server.</summary>
    public static async Task<PrivatePostgresServer> StartAsync()
    {
        string output = await RunScriptAsync("start");
        Match cs = AssignmentPattern().Match(output);
        Match dir = FolderPattern().Match(output);
        if (!cs.Success || !dir.Success)
            throw new InvalidOperationException($"throwaway-postgres.sh start printed no connection string: {output}");
        return new PrivatePostgresServer(cs.Groups[1].Value, dir.Groups[1].Value);
    }

    /// <summary>Stops the server, keeping its data (an outage).</summary>
    public Task PauseAsync() => RunScriptAsync("pause", _folder);

    /// <summary>Starts a paused server again on the same port.</summary>
    public Task ResumeAsync() => RunScriptAsync("resume", _folder);

    /// <summary>Stops the server and removes its folder.</summary>
    public async ValueTask DisposeAsync() => await RunScriptAsync("stop", _folder);

    private static async Task<string> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestPostgres.DatabaseFolder, "throwaway-postgres.sh"));
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"throwaway-postgres.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    [GeneratedRegex("FLOWSENSE_TEST_POSTGRES='([^']*)'")]
    private static partial Regex AssignmentPattern();

    [GeneratedRegex("FLOWSENSE_TEST_POSTGRES_DIR='([^']*)'")]
    private static partial Regex FolderPattern();
}
