using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlowSense.Actors.TestKit;

/// <summary>One recorded log entry.</summary>
/// <param name="Category">The logger category (the actor's class for actor logs).</param>
/// <param name="Level">The level.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The attached exception, if any.</param>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>An <see cref="ILoggerFactory"/> that records every entry, so tests can expect log output.</summary>
public sealed class LogRecorder : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private event Action<LogEntry>? Logged;

    /// <summary>Every entry so far.</summary>
    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Calls <paramref name="listener"/> for every entry from now on; dispose to stop.</summary>
    public IDisposable Listen(Action<LogEntry> listener)
    {
        Logged += listener;
        return new Unlisten(this, listener);
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Record(LogEntry entry)
    {
        _entries.Enqueue(entry);
        Logged?.Invoke(entry);
    }

    private sealed class Unlisten(LogRecorder recorder, Action<LogEntry> listener) : IDisposable
    {
        public void Dispose() => recorder.Logged -= listener;
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Record(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
