namespace FlowSense.Actors.TestKit;

/// <summary>
/// Counts matching events while a block runs, then waits (up to a timeout) until the expected number arrived
/// and checks that no more did: the EventFilter of Akka's TestKit, for dead letters and log entries.
/// </summary>
internal static class EventExpectation
{
    /// <summary>How long to keep listening after the expected count, so that "exactly N" also catches an N+1st.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(50);

    public static void Expect(string what, int expected, TimeSpan timeout, Func<Action, IDisposable> subscribe, Action block)
    {
        int seen = 0;
        using var reached = new ManualResetEventSlim(expected == 0);
        using (subscribe(() =>
               {
                   if (Interlocked.Increment(ref seen) >= expected)
                       reached.Set();
               }))
        {
            block();
            if (reached.Wait(timeout))
                Thread.Sleep(Grace); // stay subscribed briefly: an extra event must fail the expectation

        }
        int count = Volatile.Read(ref seen);
        if (count != expected)
            throw new TestKitAssertionException($"Expected {expected} {what} but saw {count} within {timeout}.");
    }
}
