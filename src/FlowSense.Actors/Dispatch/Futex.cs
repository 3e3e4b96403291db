using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FlowSense.Actors;

/// <summary>
/// One thread's sleep until a deadline or another thread's <see cref="Wake"/>, within the kernel's timer slack (50 µs
/// by default): a Linux futex on a word of its own. .NET's waits (<see cref="Monitor.Wait(object, int)"/>, events, timers) count in whole
/// milliseconds, too coarse for a lane that must wake for a paced replay's 200 µs tick; <c>nanosleep</c> is precise
/// but cannot be cut short by work arriving for the lane.
/// </summary>
/// <remarks>
/// <para>The word lives in a pinned array, so its address, which the kernel keys the sleepers on, never moves.
/// The sleeper clears it before it says it sleeps (<see cref="Arm"/>); a waker sets it, then wakes. A wake that comes
/// between the two is not lost: the kernel sleeps only while the word is still clear.</para>
/// <para>Only on Linux on x64 and Arm64 (<see cref="IsSupported"/>), where the futex system call's number is known.</para>
/// </remarks>
internal sealed class Futex
{
    private const int FutexWaitPrivate = 0 | 128, FutexWakePrivate = 1 | 128;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private static readonly long SyscallNumber = !OperatingSystem.IsLinux() ? -1 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => -1,
    };

    private readonly int[] _word = GC.AllocateArray<int>(1, pinned: true);
    private readonly IntPtr _address;

    public Futex() => _address = Marshal.UnsafeAddrOfPinnedArrayElement(_word, 0);

    public static bool IsSupported => SyscallNumber > 0;

    /// <summary>Clears the word: a <see cref="Wake"/> from now on ends the next <see cref="WaitUntil"/> (or makes it return at once).</summary>
    public void Arm() => Volatile.Write(ref _word[0], 0);

    /// <summary>Sleeps until <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) or a <see cref="Wake"/> since <see cref="Arm"/>.</summary>
    public void WaitUntil(long deadline)
    {
        long ticks = deadline - Stopwatch.GetTimestamp();
        if (ticks <= 0 || Volatile.Read(ref _word[0]) != 0)
            return;
        long ns = (long)(ticks * NanosecondsPerTick);
        var timeout = new TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        _ = Syscall(SyscallNumber, _address, FutexWaitPrivate, 0, in timeout, IntPtr.Zero, 0); // woken, timed out or interrupted: the caller re-checks
    }

    /// <summary>Ends the sleeper's wait, or the next one if it has not begun.</summary>
    public void Wake()
    {
        Volatile.Write(ref _word[0], 1);
        var none = default(TimeSpec);
        _ = Syscall(SyscallNumber, _address, FutexWakePrivate, 1, in none, IntPtr.Zero, 0);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // libc's syscall(2); the arguments are blittable, so no marshalling stub (nor unsafe code) is needed.
    [DllImport("libc", EntryPoint = "syscall")]
    private static extern long Syscall(long number, IntPtr word, int operation, int value, in TimeSpec timeout, IntPtr word2, int value3);
}
