using System.CommandLine;
using FlowSense.Cli.Terminal;

namespace FlowSense.Cli.Replay;

/// <summary><c>flowsense replay …</c>: rebuild books from recorded files and check them against the references recorded with them.</summary>
internal static class ReplayPalette
{
    public static Command Create(CliConsole console)
    {
        var replay = new Command("replay", "Rebuild order books from recorded files (LOBSTER, exchange captures, ITCH) and verify them.");
        replay.Add(LobsterReplayCommand.Create(console));
        replay.Add(CaptureReplayCommand.Create(console));
        replay.Add(ItchReplayCommand.Create(console));
        return replay;
    }
}
