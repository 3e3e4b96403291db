namespace FlowSense.Actors;

/// <summary>A snapshot of one actor and its subtree, as shown by the CLI (<see cref="ActorSystem.Hierarchy"/>).</summary>
/// <param name="Path">The actor's path, e.g. <c>/user/feeds/binance</c>.</param>
/// <param name="ActorType">The actor's class name.</param>
/// <param name="MailboxDepth">Messages waiting in its mailbox.</param>
/// <param name="RestartCount">Restarts its supervisor granted.</param>
/// <param name="DroppedCount">Messages its mailbox dropped (drop policy).</param>
/// <param name="OverCapacityCount">Plain Tells accepted beyond capacity (back-pressure policy).</param>
/// <param name="Children">Its children, by name.</param>
public sealed record ActorNode(
    string Path,
    string ActorType,
    int MailboxDepth,
    int RestartCount,
    long DroppedCount,
    long OverCapacityCount,
    IReadOnlyList<ActorNode> Children)
{
    /// <summary>Every node of this subtree, depth first, this one first.</summary>
    public IEnumerable<ActorNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (ActorNode child in Children)
        {
            foreach (ActorNode node in child.DescendantsAndSelf())
                yield return node;
        }
    }

    /// <summary>The node at <paramref name="path"/> in this subtree, or null.</summary>
    public ActorNode? Find(string path) => DescendantsAndSelf().FirstOrDefault(n => string.Equals(n.Path, path, StringComparison.Ordinal));

    internal static ActorNode Of(ActorCell cell) => new(
        cell.Path.ToString(),
        cell.Props.ActorType.Name,
        cell.MailboxDepth,
        cell.RestartCount,
        cell.DroppedCount,
        cell.OverCapacityCount,
        [.. cell.ChildCells.OrderBy(c => c.Name, StringComparer.Ordinal).Select(Of)]);
}
