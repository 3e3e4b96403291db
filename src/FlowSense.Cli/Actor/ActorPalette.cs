using System.CommandLine;
using FlowSense.Cli.Terminal;
using FlowSense.Management.Client;
using FlowSense.Management.Contract;
using Spectre.Console;

namespace FlowSense.Cli.Actor;

/// <summary><c>flowsense actor hierarchy</c>: a node's actor tree with mailbox depths and restart counts.</summary>
internal static class ActorPalette
{
    public static Command Create(CliConsole console)
    {
        var connection = new NodeConnection(console);
        var palette = connection.Palette("actor", "Inspect the actors of a running node.");
        var hierarchy = new Command("hierarchy", "Show the actor tree: path, type, mailbox depth, restarts and dropped messages.");
        connection.SetNodeAction(hierarchy, async (client, parse, cancellation) =>
        {
            ActorHierarchy tree = await NodeConnection.Call(client, c => c.GetActorsAsync(cancellation)).ConfigureAwait(false);
            if (console.Interactive)
            {
                var root = new Tree(Label(tree.Root));
                AddChildren(root, tree.Root);
                console.Out.Write(root);
            }
            else
            {
                console.Line("path\ttype\tmailbox\trestarts\tdropped");
                WritePlain(console, tree.Root);
            }
            console.Line($"{tree.ActorCount} actors");
            return ExitCodes.Ok;
        });
        palette.Add(hierarchy);
        return palette;
    }

    private static string Label(ActorInfo actor) =>
        $"{Markup.Escape(actor.Path)} [grey]{Markup.Escape(actor.ActorType)}[/] mailbox {actor.MailboxDepth}" +
        (actor.RestartCount > 0 ? $" [yellow]restarts {actor.RestartCount}[/]" : string.Empty) +
        (actor.DroppedCount > 0 ? $" [red]dropped {actor.DroppedCount}[/]" : string.Empty);

    private static void AddChildren(IHasTreeNodes parent, ActorInfo actor)
    {
        foreach (ActorInfo child in actor.Children)
            AddChildren(parent.AddNode(Label(child)), child);
    }

    private static void WritePlain(CliConsole console, ActorInfo actor)
    {
        console.Line($"{actor.Path}\t{actor.ActorType}\t{actor.MailboxDepth}\t{actor.RestartCount}\t{actor.DroppedCount}");
        foreach (ActorInfo child in actor.Children)
            WritePlain(console, child);
    }
}
