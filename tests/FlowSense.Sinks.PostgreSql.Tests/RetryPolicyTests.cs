using FlowSense.Sinks.PostgreSql.TimeSeries;
using FsCheck;
using FsCheck.Fluent;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.Tests;

public sealed class RetryPolicyTests
{
    private static readonly Exception Unreachable = new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));

    [Fact]
    public void The_delay_starts_at_RetryDelay_doubles_and_stops_at_MaxRetryDelay()
    {
        var policy = new RetryPolicy(new TimeSeriesSinkOptions { RetryDelay = TimeSpan.FromMilliseconds(200), MaxRetryDelay = TimeSpan.FromSeconds(5) });

        Assert.Equal([200, 400, 800, 1_600, 3_200, 5_000, 5_000], Enumerable.Range(1, 7).Select(a => policy.DelayAfter(a).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayAfter(int.MaxValue));
    }

    [Fact]
    public void The_delay_never_shrinks_and_never_exceeds_the_cap() =>
        Prop.ForAll(Gen.Choose(0, 10_000).ToArbitrary(), Gen.Choose(1, 1_000).ToArbitrary(), (firstMs, attempts) =>
        {
            var policy = new RetryPolicy(new TimeSeriesSinkOptions { RetryDelay = TimeSpan.FromMilliseconds(firstMs), MaxRetryDelay = TimeSpan.FromMilliseconds(firstMs + 7_000) });
            TimeSpan delay = policy.DelayAfter(attempts);
            return delay <= TimeSpan.FromMilliseconds(firstMs + 7_000) && delay >= TimeSpan.FromMilliseconds(firstMs) && policy.DelayAfter(attempts + 1) >= delay;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void An_unreachable_database_is_retried_forever_by_default_and_MaxAttempts_times_when_set()
    {
        var forever = new RetryPolicy(new TimeSeriesSinkOptions());
        var twice = new RetryPolicy(new TimeSeriesSinkOptions { MaxAttempts = 2 });

        Assert.True(forever.ShouldRetry(1_000_000, Unreachable));
        Assert.Equal([true, false], new[] { 1, 2 }.Select(a => twice.ShouldRetry(a, Unreachable)));
    }

    [Fact]
    public void An_error_about_the_batch_itself_gets_a_few_attempts_at_most()
    {
        var error = new PostgresException("invalid input syntax", "ERROR", "ERROR", "22P02");
        var forever = new RetryPolicy(new TimeSeriesSinkOptions());
        var once = new RetryPolicy(new TimeSeriesSinkOptions { MaxAttempts = 1 });

        Assert.True(forever.ShouldRetry(RetryPolicy.AttemptsOnServerError - 1, error));
        Assert.False(forever.ShouldRetry(RetryPolicy.AttemptsOnServerError, error));
        Assert.False(once.ShouldRetry(1, error));
    }

    [Theory]
    [InlineData("57P01", true)] // admin shutdown: the server is stopping
    [InlineData("57P03", true)] // cannot connect now: it is starting
    [InlineData("08006", true)] // connection failure
    [InlineData("53300", true)] // too many connections
    [InlineData("40001", true)] // serialization failure
    [InlineData("22P02", false)] // bad data
    [InlineData("42P01", false)] // no such table: migrations missing
    public void Server_errors_that_mean_it_is_unavailable_count_as_an_outage(string sqlState, bool outage) =>
        Assert.Equal(outage, RetryPolicy.IsConnectionFailure(new PostgresException("m", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void Failures_without_a_server_answer_count_as_an_outage_and_bugs_do_not()
    {
        Assert.True(RetryPolicy.IsConnectionFailure(Unreachable));
        Assert.True(RetryPolicy.IsConnectionFailure(new TimeoutException()));
        Assert.False(RetryPolicy.IsConnectionFailure(new InvalidOperationException()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void MaxAttempts_must_be_null_or_positive(int maxAttempts) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(new TimeSeriesSinkOptions { MaxAttempts = maxAttempts }));
}
