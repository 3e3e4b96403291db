using System.Diagnostics;
using System.Text;

namespace FlowSense.Node.Tests.Shutdown;

/// <summary>The node executable as a real child process (dotnet flowsense-node.dll), with its output collected.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static NodeProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flowsense-node.dll"));
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        var node = new NodeProcess(new Process { StartInfo = info });
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Completes when the node has printed its start line (its replays are running).</summary>
    public Task Started => _started.Task;

    /// <summary>Sends a signal by name (TERM, INT) with the system's kill command.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with {kill.ExitCode}.");
    }

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (line.StartsWith("FlowSense node", StringComparison.Ordinal))
            _started.TrySetResult();
    }
}
