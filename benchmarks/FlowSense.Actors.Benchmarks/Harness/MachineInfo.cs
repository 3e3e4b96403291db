using System.Runtime;
using System.Runtime.InteropServices;

namespace FlowSense.Actors.Benchmarks.Harness;

/// <summary>The facts that make two benchmark outputs comparable, printed at the top of every harness mode.</summary>
internal static class MachineInfo
{
    public static void Print(string mode)
    {
        Console.WriteLine($"FlowSense.Actors {mode} benchmark");
        Console.WriteLine($"  OS / runtime:  {RuntimeInformation.OSDescription} / {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"  Processors:    {Environment.ProcessorCount}");
        Console.WriteLine($"  GC:            {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}");
        Console.WriteLine($"  Started (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}");
        Console.WriteLine();
    }
}
