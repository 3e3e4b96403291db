namespace FlowSense.Cli.Bench;

/// <summary>The machine a report was measured on: cores and the load averages at the end (Linux /proc/loadavg; empty elsewhere).</summary>
internal sealed record MachineLoad(int Cores, string LoadAverages)
{
    public static MachineLoad Read()
    {
        string load = "";
        try
        {
            if (File.Exists("/proc/loadavg"))
                load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            // Not fatal: the report just says nothing about the load.
        }
        return new MachineLoad(Environment.ProcessorCount, load);
    }
}
