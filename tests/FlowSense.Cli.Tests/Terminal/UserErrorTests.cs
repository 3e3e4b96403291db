using FlowSense.Cli.Terminal;

namespace FlowSense.Cli.Tests.Terminal;

/// <summary>User mistakes end with a message saying what to do and a non-zero exit code, never a stack trace.</summary>
public sealed class UserErrorTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task A_missing_input_file_names_the_option_and_the_path()
    {
        CliResult result = await _cli.Invoke("replay", "lobster", "--message", _cli.PathOf("nope.csv"), "--emit-book", _cli.PathOf("out.csv"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("nope.csv does not exist (given as --message)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_does_not_exist_is_reported_before_any_work()
    {
        string input = FlowSense.Testing.SharedData.File("lean", "spy_ema.csv");
        CliResult result = await _cli.Invoke("indicators", "--input", input, "--emit", Path.Combine(_cli.Folder, "missing", "out.csv"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("does not exist (for --emit)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "capture", "--venue", "bybit", "x", "--emit-top", "y")]
    [InlineData("replay", "lobster", "--emit-book", "y")]
    [InlineData("bars", "--input", "x", "--emit", "y", "--bogus")]
    public async Task Bad_options_are_usage_errors(params string[] args)
    {
        CliResult result = await _cli.Invoke(args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.NotEmpty(result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_a_format_error_not_a_crash()
    {
        File.WriteAllText(_cli.PathOf("20131007_trade.zip"), "not a zip");
        CliResult result = await _cli.Invoke("bars", "--input", _cli.PathOf("20131007_trade.zip"), "--symbol", "IBM", "--emit", _cli.PathOf("x.csv"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("not in the format", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
