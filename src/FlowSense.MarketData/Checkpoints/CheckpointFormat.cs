using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlowSense.MarketData.Checkpoints;

/// <summary>
/// The binary checkpoint format shared by <see cref="CheckpointWriter"/> and <see cref="CheckpointReader"/>.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> All integers little-endian; doubles as their raw IEEE-754 bits (NaN payloads and −0 survive).
/// A checkpoint is an envelope — the magic <c>"FSCK"</c>, a <c>u16</c> format version, then any number of
/// sections. A section is <c>u16 tag</c> (<see cref="CheckpointSection"/>), <c>u8 version</c>, the type's fields,
/// nested sections in the type's fixed order, then a trailer <c>u16 tag</c> (repeated) and <c>u32</c> CRC-32C
/// (Castagnoli) of the section's own bytes from its tag through its last field, nested sections excluded (each
/// has its own). A checkpoint ends with the tag <c>0xFFFF</c>. Nothing is self-describing beyond tags: each type
/// writes and reads its fields in one fixed order, by hand — no reflection, no serializer.</para>
/// <para><b>Evolution.</b> The version belongs to the section, so one type can change without touching the rest.
/// To add state, bump the type's version and append the new fields at the end of its body; the reader reads them
/// only when the section's version has them and otherwise derives them as an older instance would have had them
/// (so old checkpoints restore into new code). A field that disappears is still read, and dropped, for the
/// versions that carry it. New code always writes its newest version. A reader meeting a version newer than it
/// knows refuses the checkpoint (<see cref="CheckpointException"/>) instead of guessing. The envelope's format
/// version changes only if the framing itself changes. A golden checkpoint in the tests, written by version 1 of
/// every section, must keep restoring to the same state.</para>
/// </remarks>
public static class CheckpointFormat
{
    /// <summary>"FSCK" read as a little-endian <c>u32</c>.</summary>
    public const uint Magic = 0x4B435346;

    /// <summary>The envelope's framing version.</summary>
    public const ushort FormatVersion = 1;

    /// <summary>The tag that ends a checkpoint.</summary>
    internal const ushort EndTag = 0xFFFF;

    /// <summary>How deeply sections may nest.</summary>
    internal const int MaxDepth = 16;

    /// <summary>Bytes of a section's header (tag, version).</summary>
    internal const int HeaderSize = 3;

    /// <summary>Bytes of a section's trailer (tag, CRC).</summary>
    internal const int TrailerSize = 6;

    internal const uint CrcSeed = 0xFFFFFFFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Crc(uint crc, ulong value) => BitOperations.Crc32C(crc, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Crc(uint crc, uint value) => BitOperations.Crc32C(crc, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Crc(uint crc, ushort value) => BitOperations.Crc32C(crc, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Crc(uint crc, byte value) => BitOperations.Crc32C(crc, value);
}

/// <summary>The sections a writer or reader has open, innermost last, with the CRC each was accumulating before.</summary>
[InlineArray(CheckpointFormat.MaxDepth)]
internal struct OpenSections
{
    private OpenSection _element;
}

internal struct OpenSection
{
    public CheckpointSection Section;
    public uint OuterCrc;
}
