namespace FlowSense.Actors.Persistence.TestSupport;

/// <summary>Waiting for a condition the test cannot be told about directly: poll it, fail after a deadline.</summary>
public static class Probe
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="patience"/> (default 30 s).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        using var deadline = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
