using System.CommandLine;

namespace FlowSense.Cli.Terminal;

/// <summary>
/// Binds a command's work so that user errors end as a message and an exit code, never as a stack trace: a
/// <see cref="UserError"/> prints its hint; a file that vanished or cannot be read, or a file in the wrong format,
/// becomes the same kind of message. Anything else is a bug and is left to System.CommandLine's handler.
/// </summary>
public static class GuardedAction
{
    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="work"/>, guarded.</summary>
    public static void SetGuardedAction(this Command command, CliConsole console, Func<ParseResult, CancellationToken, Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(work);
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                return await work(parse, cancellation).ConfigureAwait(false);
            }
            catch (UserError error)
            {
                console.Fail(error);
                return error.ExitCode;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Fail(new UserError(e.Message, "Check the path, that the file exists and that you may read (or write) it."));
                return ExitCodes.BadInput;
            }
            catch (InvalidDataException e)
            {
                console.Fail(new UserError(e.Message, "The file is not in the format this command reads; see --help for the formats."));
                return ExitCodes.BadInput;
            }
        });
    }

    /// <summary>Sets a synchronous action (file tools), guarded the same way.</summary>
    public static void SetGuardedAction(this Command command, CliConsole console, Func<ParseResult, int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        command.SetGuardedAction(console, (parse, _) => Task.FromResult(work(parse)));
    }
}
