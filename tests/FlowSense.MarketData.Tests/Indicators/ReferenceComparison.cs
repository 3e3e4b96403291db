using Xunit.Abstractions;
namespace FlowSense.MarketData.Tests.Indicators;

/// <summary>
/// Feeds every bar of a LEAN reference file, in order, and compares one output with one column on every row where
/// the expected cell is non-empty and the indicator is ready, LEAN's own rule. Returns how many rows it compared
/// and the largest difference, so a test can insist the comparison was not empty.
/// </summary>
internal static class ReferenceComparison
{
    public sealed record Outcome(string File, string Column, int Compared, double MaxError, string? FirstFailure);

    /// <param name="update">Feeds row i to the indicator(s).</param>
    /// <param name="read">After row i: whether the output is ready, and its value.</param>
    public static Outcome Run(
        LeanReferenceFile file, string column, double tolerance, Action<int> update, Func<(bool Ready, double Value)> read)
    {
        int compared = 0;
        double maxError = 0;
        string? firstFailure = null;
        for (int row = 0; row < file.RowCount; row++)
        {
            update(row);
            double? expected = file.Expected(row, column);
            (bool ready, double actual) = read();
            if (expected is null || !ready)
                continue;
            compared++;
            double error = Math.Abs(actual - expected.Value);
            if (!(error <= tolerance) && firstFailure is null)
                firstFailure = $"row {row + 2} ({file.Cell(row, file.HasColumn("Date") ? "Date" : "time")}): expected {expected}, got {actual}";
            if (!(error <= maxError))
                maxError = double.IsNaN(error) ? double.PositiveInfinity : error;
        }
        return new Outcome(file.Name, column, compared, maxError, firstFailure);
    }

    public static void AssertAgrees(Outcome outcome, int minimumCompared, double tolerance, ITestOutputHelper output)
    {
        output.WriteLine($"{outcome.File} [{outcome.Column}]: compared {outcome.Compared} rows, max |error| {outcome.MaxError:G4} (tolerance {tolerance:G2})");
        Assert.True(outcome.FirstFailure is null, $"{outcome.File} [{outcome.Column}] {outcome.FirstFailure}");
        Assert.True(outcome.Compared >= minimumCompared,
            $"{outcome.File} [{outcome.Column}]: compared only {outcome.Compared} rows, expected at least {minimumCompared}.");
    }
}
