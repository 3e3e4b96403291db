using FlowSense.Cli.Terminal;

namespace FlowSense.Cli.Tests;

/// <summary>One in-process run of the <c>flowsense</c> root command: its exit code and what it wrote.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The value of a <c>name: value</c> summary line.</summary>
    public string Fact(string name)
    {
        string prefix = "  " + name + ": ";
        string? line = Out.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"no '{name}' in the output:\n{Out}\n{Error}");
        return line![prefix.Length..].TrimEnd('\r');
    }
}

/// <summary>A scratch folder for output files, and the command runner.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "flowsense-cli-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Environment variables the commands see (none of the machine's).</summary>
    public Dictionary<string, string> Variables { get; } = [];

    public async Task<CliResult> Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = Program.CreateRoot(CliConsole.Plain(output, error, name => Variables.GetValueOrDefault(name)));
        int exit = await root.Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
