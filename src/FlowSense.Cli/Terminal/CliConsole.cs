using Spectre.Console;

namespace FlowSense.Cli.Terminal;

/// <summary>
/// Where a command writes: results and summaries to <see cref="Out"/>, problems to <see cref="Error"/>. On a terminal
/// summaries are tables and long work shows a progress bar; redirected (a pipe, a file, a test) the same facts come out
/// as plain <c>name: value</c> lines and progress prints nothing, so output stays easy to read by scripts.
/// </summary>
public sealed class CliConsole
{
    private readonly Func<string, string?> _variables;

    /// <summary>Creates a console over <paramref name="out"/> and <paramref name="error"/>; <paramref name="variables"/> reads environment variables (the process's when null).</summary>
    public CliConsole(IAnsiConsole @out, TextWriter error, bool interactive, Func<string, string?>? variables = null)
    {
        Out = @out;
        Error = error;
        Interactive = interactive;
        _variables = variables ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The process's own terminal (interactive when stdout is not redirected).</summary>
    public static CliConsole System() =>
        Console.IsOutputRedirected ? Plain(Console.Out, Console.Error) : new CliConsole(AnsiConsole.Console, Console.Error, interactive: true);

    /// <summary>A console writing plain text into <paramref name="out"/> and <paramref name="error"/> (tests, pipes).</summary>
    public static CliConsole Plain(TextWriter @out, TextWriter error, Func<string, string?>? variables = null)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(@out),
        });
        console.Profile.Width = 4096; // never wrap: scripts read these lines
        return new CliConsole(console, error, interactive: false, variables);
    }

    /// <summary>Results and summaries.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Errors and warnings.</summary>
    public TextWriter Error { get; }

    /// <summary>True on a terminal: tables, colours, live views and progress bars.</summary>
    public bool Interactive { get; }

    /// <summary>An environment variable (FLOWSENSE_NODE, FLOWSENSE_TOKEN), or null.</summary>
    public string? Variable(string name) => _variables(name) is { Length: > 0 } value ? value : null;

    /// <summary>Writes one line of plain text (no markup is interpreted).</summary>
    public void Line(string text) => Out.WriteLine(text);

    /// <summary>Writes a warning to the error stream.</summary>
    public void Warn(string text) => Error.WriteLine("warning: " + text);

    /// <summary>Writes a user error and what to do about it.</summary>
    public void Fail(UserError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error.WriteLine("error: " + error.Message);
        if (error.Hint.Length > 0)
            Error.WriteLine("  " + error.Hint);
    }

    /// <summary>Writes facts under a title: a table on a terminal, <c>name: value</c> lines otherwise.</summary>
    public void Summary(string title, IEnumerable<(string Name, string Value)> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!Interactive)
        {
            Line(title);
            foreach ((string name, string value) in facts)
                Line($"  {name}: {value}");
            return;
        }
        var table = new Table().Title(Markup.Escape(title)).AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        foreach ((string name, string value) in facts)
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Out.Write(table);
    }

    /// <summary>Writes a table: a Spectre table on a terminal, tab-separated lines otherwise.</summary>
    public void Table(TableView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (Interactive)
            Out.Write(view.ToRenderable());
        else
            foreach (string line in view.ToLines())
                Line(line);
    }

    /// <summary>
    /// Shows each view <paramref name="views"/> yields: on a terminal one live table redrawn in place, otherwise one
    /// plain table per view. Stops after <paramref name="limit"/> views when given, or when cancelled (Ctrl+C).
    /// </summary>
    public async Task<int> Follow(IAsyncEnumerable<TableView> views, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(views);
        int shown = 0;
        try
        {
            if (!Interactive)
            {
                await foreach (TableView view in views.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    Table(view);
                    if (++shown == limit)
                        break;
                }
                return shown;
            }
            await Out.Live(new Text("waiting for the node…")).AutoClear(false).StartAsync(async context =>
            {
                await foreach (TableView view in views.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    context.UpdateTarget(view.ToRenderable());
                    context.Refresh();
                    if (++shown == limit)
                        break;
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends a follow: that is how it is meant to stop.
        }
        return shown;
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which reports how far it got out of <paramref name="total"/> (bytes, rows) through
    /// the callback it is given: a progress bar on a terminal, nothing at all otherwise.
    /// </summary>
    public T Progress<T>(string description, long total, Func<Action<long>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Interactive || total <= 0)
            return work(static _ => { });
        T result = default!;
        Out.Progress().AutoClear(true).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: total);
                result = work(done => task.Value = Math.Min(done, total));
                task.Value = total;
            });
        return result;
    }
}
